package org.sotay.registry.impl.internal;

import org.sotay.core.api.security.OrgTree;
import org.sotay.core.testing.TestJpa;
import org.sotay.core.testing.TestPlatform;
import org.sotay.registry.api.MemberImport;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.OrgUnitService;

/**
 * The real registry on another module's test platform, through its exported API only: for the
 * tests of modules that read the registry (reporting keeps its figures from the registry's events
 * and rebuilds them from its services). Published in the registry's test-jar; production code of
 * other modules never sees these classes.
 */
public final class RegistryHarness {
    private final OrgUnitServiceImpl units;
    private final MemberServiceImpl members;
    private final MemberImportImpl imports;
    private final RegistryTree tree;
    private final MemberDirectoryImpl directory;

    private RegistryHarness(TestPlatform p) {
        p.migrate("registry", "db/migration/registry");
        TestJpa jpa = p.jpa("sotay-registry");
        tree = new RegistryTree(jpa);
        p.tree(tree);
        units = new OrgUnitServiceImpl(jpa, p.callers(), p.journal(), p.systemClock(), tree::forget);
        members = new MemberServiceImpl(jpa, p.callers(), p.journal(), p.systemClock(), p.database());
        directory = new MemberDirectoryImpl(jpa, p.journal(), p.systemClock());
        imports = new MemberImportImpl(jpa, p.callers(), p.journal(), p.systemClock(), p.scheduler("org.sotay.registry.impl"), p.blobs());
    }

    /** The registry's migrations applied on {@code p}, its services built, and its tree made {@code p}'s {@link OrgTree}. */
    public static RegistryHarness on(TestPlatform p) {
        return new RegistryHarness(p);
    }

    /** The demo province's figures as written: members, installed, smartphone users, registered accounts. */
    public record Demo(String rootId, int cells, int members, int installed, int smartphoneUsers, int accountRegistered) {
    }

    /** Writes the demo province ({@code members}, seeded) into the empty registry, as {@code DemoLoader} does, in one transaction. */
    public Demo demo(TestPlatform p, int members, long seed) throws java.sql.SQLException {
        try (java.sql.Connection c = p.connection()) {
            c.setAutoCommit(false);
            DemoProvince.Result r = new DemoProvince(DemoProvince.Plan.ofMembers(members, seed), java.time.LocalDate.now(p.systemClock()),
                    p.systemClock().millis()).write(c, "demo");
            c.commit();
            tree.forget();
            return new Demo(r.rootId(), r.cells(), r.members(), r.installed(), r.smartphoneUsers(), r.accountRegistered());
        }
    }

    public OrgUnitService units() {
        return units;
    }

    public MemberService members() {
        return members;
    }

    public MemberImport imports() {
        return imports;
    }

    /** The trusted directory identity uses (app installed, account registered). */
    public org.sotay.registry.api.directory.MemberDirectory directory() {
        return directory;
    }

    public OrgTree tree() {
        return tree;
    }
}
