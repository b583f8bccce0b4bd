package org.sotay.registry.impl.internal;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.sotay.core.api.security.Caller;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestClock;
import org.sotay.core.testing.TestJpa;
import org.sotay.core.testing.TestPlatform;
import org.sotay.registry.api.Gender;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.UnitDraft;

/**
 * The registry's services over the fast test harness: a real database with the registry's
 * migrations, the real persistence unit, and a small tree: a province with districts A and B, each
 * with a grassroots committee and cells.
 *
 * <pre>
 * province
 *   A (district)  GA (grassroots)  cellA1, cellA2
 *   B (district)  GB (grassroots)  cellB1
 * </pre>
 */
final class RegistryFixture implements AutoCloseable {
    final TestPlatform p;
    final TestJpa jpa;
    final RegistryTree tree;
    final OrgUnitServiceImpl units;
    final MemberServiceImpl members;
    final MemberImportImpl imports;
    final MemberDirectoryImpl directory;
    final String root;
    final String districtA;
    final String districtB;
    final String grassA;
    final String cellA1;
    final String cellA2;
    final String cellB1;
    private int cards = 1;

    private RegistryFixture(TestPlatform p) {
        this.p = p;
        p.migrate("registry", "db/migration/registry");
        jpa = p.jpa("sotay-registry");
        tree = new RegistryTree(jpa);
        p.tree(tree);
        units = new OrgUnitServiceImpl(jpa, p.callers(), p.journal(), p.systemClock(), tree::forget);
        members = new MemberServiceImpl(jpa, p.callers(), p.journal(), p.systemClock(), p.database());
        imports = new MemberImportImpl(jpa, p.callers(), p.journal(), p.systemClock(), p.scheduler("org.sotay.registry.impl"), p.blobs());
        directory = new MemberDirectoryImpl(jpa, p.journal(), p.systemClock());
        LocalDate founded = LocalDate.of(2000, 1, 1);
        p.callers().as(TestCallers.caller("console", Set.of("console"), "registry.unit.write"));
        root = units.create(new UnitDraft("TQ", "Đảng bộ tỉnh Tuyên Quang", "PROVINCE", null, founded, null, null)).id();
        p.callers().as(admin());
        districtA = unit("A", "Đảng bộ huyện Chiêm Hóa", "DISTRICT", root, founded);
        districtB = unit("B", "Đảng bộ huyện Na Hang", "DISTRICT", root, founded);
        grassA = unit("A.1", "Đảng bộ xã Kim Bình", "GRASSROOTS", districtA, founded);
        String grassB = unit("B.1", "Đảng bộ xã Côn Lôn", "GRASSROOTS", districtB, founded);
        cellA1 = unit("A.1.01", "Chi bộ thôn Nà Tông", "CELL", grassA, founded);
        cellA2 = unit("A.1.02", "Chi bộ thôn Bản Khiển", "CELL", grassA, founded);
        cellB1 = unit("B.1.01", "Chi bộ thôn Nà Va", "CELL", grassB, founded);
        p.deliverEvents();
    }

    static RegistryFixture start() {
        return new RegistryFixture(TestPlatform.start());
    }

    static RegistryFixture start(TestClock clock) {
        return new RegistryFixture(TestPlatform.start(clock));
    }

    private String unit(String code, String name, String type, String parent, LocalDate from) {
        OrgUnit u = units.create(new UnitDraft(code, name, type, parent, from, null, null));
        return u.id();
    }

    /** The provincial administrator: every registry permission over the whole tree. */
    Caller admin() {
        return TestCallers.caller("admin", Map.of("registry.*", Set.of(root)));
    }

    /** Staff of one unit: every registry permission over its subtree. */
    Caller staffOf(String unit) {
        return TestCallers.caller("staff-" + unit, Map.of("registry.*", Set.of(unit)));
    }

    /** Acts as {@code caller} from now on (on this thread). */
    RegistryFixture as(Caller caller) {
        p.callers().as(caller);
        return this;
    }

    MemberDraft draft(String cell, String name) {
        String card = String.format("08%08d", cards++);
        return new MemberDraft(card, name, LocalDate.of(1970, 5, 2), Gender.MALE, "Tày", LocalDate.of(1995, 3, 1), LocalDate.of(1996, 3, 1),
                cell, null, "0912345678", null, true, null);
    }

    Member member(String cell, String name) {
        return members.create(draft(cell, name));
    }

    @Override
    public void close() {
        p.close();
    }
}
