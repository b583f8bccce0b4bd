package org.sotay.reporting.impl.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.sotay.core.api.jobs.JobState;
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
import org.sotay.registry.impl.internal.RegistryHarness;

/**
 * Reporting on the harness with the real registry as its source: the registry's services write and
 * announce, the platform delivers the events to reporting's inbox handler, the test drives the
 * worker's rounds. A small tree:
 *
 * <pre>
 * province
 *   A (district)  GA (grassroots)  cellA1, cellA2
 *   B (district)  GB (grassroots)  cellB1
 * </pre>
 */
final class ReportingFixture implements AutoCloseable {
    final TestPlatform p;
    final RegistryHarness registry;
    final TestJpa jpa;
    final Aggregator aggregator;
    final ReportingServiceImpl reports;
    /** The meetings module and the handbook, once {@link #withModules()} made them. */
    org.sotay.meetings.impl.internal.MeetingsHarness meetings;
    org.sotay.handbook.impl.internal.HandbookHarness handbook;
    String root;
    String districtA;
    String districtB;
    String grassA;
    String grassB;
    String cellA1;
    String cellA2;
    String cellB1;
    private int cards = 1;

    private ReportingFixture(TestPlatform p) {
        this.p = p;
        registry = RegistryHarness.on(p);
        p.migrate("reporting", "db/migration/reporting");
        jpa = p.jpa("sotay-reporting");
        Source source = new Source(registry.units(), registry.members(), p.callers(), registry.tree());
        aggregator = new Aggregator(jpa, source, p.systemClock(), p.scheduler("org.sotay.reporting.impl"), false);
        InboxHandler inbox = new InboxHandler(jpa, p.systemClock());
        p.handle("org/sotay/registry/*", inbox);
        p.handle("org/sotay/meetings/meeting/*", inbox);
        p.handle("org/sotay/handbook/item/*", inbox);
        reports = new ReportingServiceImpl(jpa, p.callers(), registry.tree(), p.systemClock(), aggregator, true);
    }

    static ReportingFixture start() {
        return new ReportingFixture(TestPlatform.start());
    }

    static ReportingFixture start(TestClock clock) {
        return new ReportingFixture(TestPlatform.start(clock));
    }

    /** The small tree above, through the registry's services. */
    ReportingFixture withTree() {
        LocalDate founded = LocalDate.of(2000, 1, 1);
        p.callers().as(TestCallers.caller("console", Set.of("console"), "registry.unit.write"));
        root = registry.units().create(new UnitDraft("TQ", "Đảng bộ tỉnh Tuyên Quang", "PROVINCE", null, founded, null, null)).id();
        as(admin());
        districtA = unit("A", "Đảng bộ huyện Chiêm Hóa", "DISTRICT", root);
        districtB = unit("B", "Đảng bộ huyện Na Hang", "DISTRICT", root);
        grassA = unit("A.1", "Đảng bộ xã Kim Bình", "GRASSROOTS", districtA);
        grassB = unit("B.1", "Đảng bộ xã Côn Lôn", "GRASSROOTS", districtB);
        cellA1 = unit("A.1.01", "Chi bộ thôn Nà Tông", "CELL", grassA);
        cellA2 = unit("A.1.02", "Chi bộ thôn Bản Khiển", "CELL", grassA);
        cellB1 = unit("B.1.01", "Chi bộ thôn Nà Va", "CELL", grassB);
        return this;
    }

    /** The real handbook and meetings module beside the registry, their facts bound to reporting's worker. */
    ReportingFixture withModules() {
        handbook = org.sotay.handbook.impl.internal.HandbookHarness.on(p, registry.tree(), registry.members(), registry.units());
        meetings = org.sotay.meetings.impl.internal.MeetingsHarness.on(p, registry.tree(), registry.members(), handbook.documents());
        aggregator.bindMeetings(meetings.facts());
        aggregator.bindReadings(handbook.facts());
        return this;
    }

    String unit(String code, String name, String type, String parent) {
        OrgUnit u = registry.units().create(new UnitDraft(code, name, type, parent, LocalDate.of(2000, 1, 1), null, null));
        return u.id();
    }

    /** The provincial administrator: the registry and reporting over the whole tree. */
    Caller admin() {
        return TestCallers.caller("admin", Map.of("registry.*", Set.of(root), "reporting.*", Set.of(root), "meetings.*", Set.of(root), "handbook.*",
                Set.of(root)));
    }

    Caller readerOf(String unit) {
        return TestCallers.caller("reader-" + unit, Map.of("reporting.read", Set.of(unit)));
    }

    ReportingFixture as(Caller caller) {
        p.callers().as(caller);
        return this;
    }

    MemberDraft draft(String cell, String name, boolean smartphone) {
        String card = String.format("08%08d", cards++);
        return new MemberDraft(card, name, LocalDate.of(1970, 5, 2), Gender.MALE, "Tày", LocalDate.of(1995, 3, 1), LocalDate.of(1996, 3, 1),
                cell, null, "0912345678", null, smartphone, null);
    }

    Member member(String cell, String name, boolean smartphone) {
        return registry.members().create(draft(cell, name, smartphone));
    }

    /** Delivers the committed events to reporting's inbox and runs the worker until the inbox is empty. */
    ReportingFixture settle() {
        p.deliverEvents();
        while (aggregator.round() > 0) {
            // until drained
        }
        return this;
    }

    /** The first round (a rebuild: reporting has no figures yet) run to its end, then the inbox drained. */
    ReportingFixture ready() {
        p.deliverEvents();
        aggregator.round();
        aggregator.rebuilding().ifPresent(j -> await(j.id()));
        return settle();
    }

    /** Runs a rebuild to its end; its state. */
    JobState rebuild() {
        JobState started = aggregator.rebuild("test");
        return await(started.id());
    }

    JobState await(String jobId) {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until) {
            JobState s = aggregator.job(jobId).orElseThrow();
            if (s.status() != JobState.Status.RUNNING) {
                return s;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the rebuild did not end within 2 minutes");
    }

    /** Every current row's figures, by unit id, as text (a comparable snapshot). */
    Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        p.query("SELECT UNIT_ID, PARENT_ID, PATH, CODE, NAME, " + Figures.COUNT_COLUMNS + " FROM RPT_UNIT WHERE TO_DAY IS NULL", rs -> {
            StringBuilder s = new StringBuilder(rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(5));
            for (int i = 0; i < Counts.SIZE; i++) {
                s.append(' ').append(Counts.COLUMNS[i]).append('=').append(rs.getLong(6 + i));
            }
            out.put(rs.getString(1), s.toString());
            return null;
        });
        return out;
    }

    /**
     * The same figures computed straight from the registry, without reporting's tables: every member
     * of every root counted in its cell and up the tree of today (the naive way, for comparison).
     */
    Map<String, long[]> fromRegistry() {
        Caller reader = TestCallers.caller("oracle", Map.of("registry.read", Set.copyOf(registry.tree().roots())));
        Map<String, long[]> totals = new HashMap<>();
        Map<String, String> parents = new HashMap<>();
        Map<String, Boolean> cells = new HashMap<>();
        Map<String, Boolean> offline = new HashMap<>();
        try {
            p.callers().runAs(reader, () -> {
                Map<String, Boolean> holds = new HashMap<>();
                registry.units().types().forEach(t -> holds.put(t.code(), t.holdsMembers()));
                for (String r : registry.tree().roots()) {
                    for (OrgUnit u : registry.units().treeAt(r, LocalDate.now(p.systemClock()))) {
                        parents.put(u.id(), u.parentId());
                        cells.put(u.id(), holds.get(u.typeCode()));
                        offline.put(u.id(), u.connectivity() == org.sotay.registry.api.Connectivity.NONE);
                        totals.put(u.id(), new long[Counts.SIZE]);
                    }
                }
                List<Member> all = new ArrayList<>();
                for (Map.Entry<String, Boolean> e : cells.entrySet()) {
                    if (e.getValue()) {
                        registry.members().forEachMember(e.getKey(), (m, code) -> all.add(m));
                    }
                }
                for (Member m : all) {
                    for (String u = m.cellId(); u != null && totals.containsKey(u); u = parents.get(u)) {
                        Counts.plus(totals.get(u), Counts.of(Counts.flags(m)), 1);
                    }
                }
                for (Map.Entry<String, Boolean> e : cells.entrySet()) {
                    if (e.getValue()) {
                        for (String u = e.getKey(); u != null && totals.containsKey(u); u = parents.get(u)) {
                            totals.get(u)[Counts.CELLS]++;
                            if (offline.get(e.getKey())) {
                                totals.get(u)[Counts.OFFLINE_CELLS]++; // a cell whose venue has no internet
                            }
                        }
                    }
                }
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return totals;
    }

    /** Reporting's current figures, by unit id. */
    Map<String, long[]> kept() {
        Map<String, long[]> out = new HashMap<>();
        p.query("SELECT UNIT_ID, " + Figures.COUNT_COLUMNS + " FROM RPT_UNIT WHERE TO_DAY IS NULL", rs -> {
            long[] v = new long[Counts.SIZE];
            for (int i = 0; i < Counts.SIZE; i++) {
                v[i] = rs.getLong(2 + i);
            }
            out.put(rs.getString(1), v);
            return null;
        });
        return out;
    }

    @Override
    public void close() {
        p.close();
    }
}
