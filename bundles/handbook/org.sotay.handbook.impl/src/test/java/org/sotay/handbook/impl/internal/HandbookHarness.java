package org.sotay.handbook.impl.internal;

import java.util.Map;

import org.sotay.core.api.security.OrgTree;
import org.sotay.core.testing.TestConfig;
import org.sotay.core.testing.TestJpa;
import org.sotay.core.testing.TestPlatform;
import org.sotay.handbook.api.EditorService;
import org.sotay.handbook.api.LibraryService;
import org.sotay.handbook.api.ReadingService;
import org.sotay.handbook.api.documents.HandbookDocuments;
import org.sotay.handbook.api.facts.ReadingFacts;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.OrgUnitService;

/**
 * The real handbook on another module's test platform, through its exported API only, over the
 * registry the caller gives it (the real one, from the registry's harness): for the tests of modules
 * that read the handbook (reporting keeps its reading figures from the handbook's events and facts).
 * Published in the handbook's test-jar; production code of other modules never sees these classes.
 */
public final class HandbookHarness {
    private final EditorServiceImpl editor;
    private final LibraryServiceImpl library;
    private final ReadingServiceImpl reading;
    private final ReadingFactsImpl facts;
    private final HandbookDocumentsImpl documents;

    private HandbookHarness(TestPlatform p, OrgTree tree, MemberService members, OrgUnitService units) {
        p.migrate("handbook", "db/migration/handbook");
        TestJpa jpa = p.jpa("sotay-handbook");
        HandbookConfig c = TestConfig.of(HandbookConfig.class, Map.of());
        editor = new EditorServiceImpl(jpa, p.callers(), p.journal(), p.systemClock(), tree, p.blobs(), c);
        library = new LibraryServiceImpl(jpa, p.callers(), p.systemClock(), tree, members, p.blobs(), c);
        reading = new ReadingServiceImpl(jpa, p.callers(), p.journal(), p.systemClock(), tree, members, units);
        facts = new ReadingFactsImpl(jpa);
        documents = new HandbookDocumentsImpl(jpa, tree);
    }

    /** The handbook's migrations applied on {@code p} and its services built over {@code tree} and the registry's services. */
    public static HandbookHarness on(TestPlatform p, OrgTree tree, MemberService members, OrgUnitService units) {
        return new HandbookHarness(p, tree, members, units);
    }

    public EditorService editor() {
        return editor;
    }

    /** What readers see: lists, items, search, the delta feed (the search benchmark in {@code benchmarks/} measures it). */
    public LibraryService library() {
        return library;
    }

    public ReadingService reading() {
        return reading;
    }

    public ReadingFacts facts() {
        return facts;
    }

    public HandbookDocuments documents() {
        return documents;
    }
}
