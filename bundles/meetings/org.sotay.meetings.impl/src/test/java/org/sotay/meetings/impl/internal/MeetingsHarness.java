package org.sotay.meetings.impl.internal;

import java.util.Map;

import org.sotay.core.api.security.OrgTree;
import org.sotay.core.testing.TestConfig;
import org.sotay.core.testing.TestJpa;
import org.sotay.core.testing.TestPlatform;
import org.sotay.handbook.api.documents.HandbookDocuments;
import org.sotay.meetings.api.AttendanceService;
import org.sotay.meetings.api.MeetingService;
import org.sotay.meetings.api.MinutesService;
import org.sotay.meetings.api.facts.MeetingFacts;
import org.sotay.registry.api.MemberService;

/**
 * The real meetings module on another module's test platform, through its exported API only, over
 * the registry (and, optionally, the handbook) the caller gives it: for the tests of modules that
 * read the meetings (reporting keeps its activity and attendance figures from the meetings' events and
 * facts). Published in the meetings' test-jar; production code of other modules never sees these classes.
 */
public final class MeetingsHarness {
    private final MeetingServiceImpl meetings;
    private final AttendanceServiceImpl attendance;
    private final MinutesServiceImpl minutes;
    private final MeetingFactsImpl facts;

    private MeetingsHarness(TestPlatform p, OrgTree tree, MemberService members, HandbookDocuments handbook) {
        p.migrate("meetings", "db/migration/meetings");
        TestJpa jpa = p.jpa("sotay-meetings");
        MeetingsSettings settings = MeetingsSettings.of(TestConfig.of(MeetingsConfig.class, Map.of()));
        Roster roster = new Roster(members, p.callers(), jpa, settings);
        Context c = new Context(jpa, p.callers(), p.journal(), p.systemClock(), tree, settings, roster, Documents.of(handbook), p.blobs());
        meetings = new MeetingServiceImpl(c);
        attendance = new AttendanceServiceImpl(c);
        minutes = new MinutesServiceImpl(c);
        facts = new MeetingFactsImpl(c);
    }

    /** The meetings' migrations applied on {@code p}, its services built over {@code tree}, the registry's members and the handbook ({@code null}: none). */
    public static MeetingsHarness on(TestPlatform p, OrgTree tree, MemberService members, HandbookDocuments handbook) {
        return new MeetingsHarness(p, tree, members, handbook);
    }

    public MeetingService meetings() {
        return meetings;
    }

    public AttendanceService attendance() {
        return attendance;
    }

    public MinutesService minutes() {
        return minutes;
    }

    public MeetingFacts facts() {
        return facts;
    }
}
