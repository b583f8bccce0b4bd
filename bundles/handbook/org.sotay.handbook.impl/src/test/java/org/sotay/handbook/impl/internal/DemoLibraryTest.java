package org.sotay.handbook.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.health.HealthResult;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestClock;
import org.sotay.core.testing.TestConfig;
import org.sotay.core.testing.TestPlatform;
import org.sotay.handbook.api.AttachmentInfo;
import org.sotay.handbook.api.EditorQuery;
import org.sotay.handbook.api.Feedback;
import org.sotay.handbook.api.HandbookEvents;
import org.sotay.handbook.api.HandbookPermissions;
import org.sotay.handbook.api.Item;
import org.sotay.handbook.api.ItemSummary;
import org.sotay.handbook.api.LibraryQuery;
import org.sotay.handbook.api.ReadingRates;
import org.sotay.handbook.api.SearchHit;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.impl.internal.RegistryHarness;

/**
 * The demo library on the harness, over the real registry and its demo province: it waits for the province,
 * writes once through the handbook's services as a tracked job (the events fire), with the intended read share
 * and on-behalf reads, and a restart writes nothing more.
 */
class DemoLibraryTest {
    private static final int READ_PERCENT = 70;

    private TestPlatform p;
    private RegistryHarness registry;
    private EditorServiceImpl editor;
    private LibraryServiceImpl library;
    private ReadingServiceImpl reading;
    private FeedbackServiceImpl feedback;
    private CatalogServiceImpl catalog;

    @BeforeEach
    void start() {
        p = TestPlatform.start(TestClock.at(LocalDateTime.of(2026, 12, 2, 8, 0)));
        registry = RegistryHarness.on(p);
        p.migrate("handbook", "db/migration/handbook");
        HandbookConfig c = TestConfig.of(HandbookConfig.class, Map.of());
        var jpa = p.jpa("sotay-handbook");
        var tree = registry.tree();
        editor = new EditorServiceImpl(jpa, p.callers(), p.journal(), p.systemClock(), tree, p.blobs(), c);
        library = new LibraryServiceImpl(jpa, p.callers(), p.systemClock(), tree, registry.members(), p.blobs(), c);
        reading = new ReadingServiceImpl(jpa, p.callers(), p.journal(), p.systemClock(), tree, registry.members(), registry.units());
        feedback = new FeedbackServiceImpl(jpa, p.callers(), p.journal(), p.systemClock(), tree, registry.members(), editor, c);
        catalog = new CatalogServiceImpl(jpa, p.callers(), p.journal(), tree);
    }

    @AfterEach
    void stop() {
        p.close();
    }

    private DemoLibrary demo() {
        return new DemoLibrary(READ_PERCENT, 8, 42L, p.jpa("sotay-handbook"), p.callers(), p.systemClock(), registry.tree(), registry.members(),
                registry.units(), editor, reading, feedback, catalog, p.scheduler("org.sotay.handbook.impl"), Duration.ofMillis(50));
    }

    @Test
    void waitsForTheProvinceThenWritesTheLibraryOnceWithTheIntendedReadsAndARestartAddsNothing() throws Exception {
        DemoLibrary first = demo();
        Thread.sleep(300);
        assertEquals(HealthResult.Status.DOWN, first.check().status(), "no province yet: waiting");
        assertTrue(first.job().isEmpty(), "no job before the province is there");

        RegistryHarness.Demo province = registry.demo(p, 1500, 20240525L);
        await("the demo library", () -> first.check().status() == HealthResult.Status.UP);
        JobState job = first.job().orElseThrow();
        assertEquals(JobState.Status.DONE, job.status());
        assertEquals(DemoLibrary.JOB, job.kind());
        assertTrue(job.result().contains("\"written\":true"), job.result());

        String root = province.rootId();
        staff(root);
        List<Item> items = editor.list(new EditorQuery(null, null, null), PageRequest.of(0, 100)).getItems();
        assertEquals(11, items.size(), "5 of the province, 3 of the district, 1 of the commune, 2 Q&A");
        assertEquals(Set.of("resolution", "directive", "guidance", "topic", "news", "qa"), items.stream().map(Item::kind).collect(Collectors.toSet()));
        assertTrue(items.stream().allMatch(i -> i.status().name().equals("PUBLISHED")));
        assertTrue(items.stream().anyMatch(i -> i.title().equals("Nghị quyết số 15-NQ/TU về đẩy mạnh chuyển đổi số trong công tác xây dựng Đảng giai đoạn 2026–2030")));
        Item guidance = items.stream().filter(i -> i.kind().equals("guidance")).findFirst().orElseThrow();
        assertEquals(List.of("CELL_SECRETARY"), guidance.audience().roles());

        // the files: a real PDF and a WAV, typed from their bytes
        List<AttachmentInfo> files = items.stream().flatMap(i -> i.attachments().stream()).toList();
        assertEquals(Set.of("application/pdf", "audio/wav"), files.stream().map(AttachmentInfo::mediaType).collect(Collectors.toSet()));
        byte[] pdf = DemoFiles.pdf("Thử", List.of("a"));
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int xref = Integer.parseInt(text.substring(text.lastIndexOf("startxref\n") + 10, text.lastIndexOf("\n%%EOF")).trim());
        assertTrue(text.startsWith("xref", xref), "startxref points at the xref table");
        int obj3 = Integer.parseInt(text.substring(xref).split("\n")[5].substring(0, 10));
        assertTrue(text.startsWith("3 0 obj", obj3), "the xref offsets are the objects' own");
        assertNotNull(MediaTypes.sniff(DemoFiles.wav(100), 16));

        // the mandatory item: a district's, read by a share of the demo commune's cells, some on behalf
        Item mandatory = items.stream().filter(Item::mandatory).findFirst().orElseThrow();
        assertEquals(LocalDate.of(2026, 12, 12), mandatory.deadline());
        Member demoMember = registry.members().search(new MemberQuery(null, null, MemberStatus.OFFICIAL, true, null, null), PageRequest.of(0, 1))
                .getItems().get(0);
        String cell = demoMember.cellId();
        List<String> lineage = registry.tree().lineage(cell);
        assertEquals(List.of(lineage.get(lineage.size() - 2)), mandatory.audience().unitIds(), "the demo cell's commune");

        List<Object[]> reads = p.query("SELECT MEMBER_ID, ON_BEHALF, NOTE, RECORDED_BY, CELL_ID FROM HBK_READ WHERE ITEM_ID = ?",
                rs -> new Object[] { rs.getString(1), rs.getInt(2) == 1, rs.getString(3), rs.getString(4), rs.getString(5) }, mandatory.id());
        assertFalse(reads.isEmpty());
        Map<String, Integer> perCell = new HashMap<>();
        int onBehalf = 0;
        for (Object[] r : reads) {
            Member m = registry.members().get((String) r[0]);
            assertTrue(m.status().active() && m.status() != MemberStatus.EXEMPT);
            assertEquals(!m.usesSmartphone(), r[1], "members without a smartphone are read to by their secretary, the others read themselves");
            if ((Boolean) r[1]) {
                onBehalf++;
                assertNotNull(r[2], "an on-behalf read has its note");
                assertTrue(((String) r[3]).startsWith("Bí thư "), "recorded by the cell's secretary: " + r[3]);
            } else {
                assertNull(r[2]);
            }
            perCell.merge((String) r[4], 1, Integer::sum);
        }
        assertTrue(onBehalf > 0 && onBehalf < reads.size(), "some reads on behalf, most by the members: " + onBehalf + " of " + reads.size());
        assertTrue(perCell.size() > 1 && perCell.size() <= 8, "reads in several cells of the commune: " + perCell.keySet());
        assertTrue(reads.stream().noneMatch(r -> r[0].equals(demoMember.id())), "the demo member has it to read");

        ReadingRates atCell = reading.rates(mandatory.id(), cell);
        long eligible = registry.members().search(new MemberQuery(null, cell, null, null, null, null), PageRequest.of(0, 200)).getItems().stream()
                .filter(m -> m.status().active() && m.status() != MemberStatus.EXEMPT).count();
        assertEquals(eligible, atCell.unit().expected());
        assertEquals(Math.round((eligible - 1) * READ_PERCENT / 100.0), atCell.unit().read(), "the demo cell's share (the demo member left out)");
        ReadingRates atDistrict = reading.rates(mandatory.id(), mandatory.audience().unitIds().get(0)); // the commune
        assertEquals(reads.size(), atDistrict.unit().read());
        assertEquals(onBehalf, atDistrict.unit().onBehalf());
        assertEquals(reads.size() - onBehalf, atDistrict.unit().selfRead());

        // the events went through the outbox: reporting counts these reads
        List<Event> events = p.deliverEvents();
        assertEquals(11, events.stream().filter(e -> e.getTopic().equals(HandbookEvents.ITEM_PUBLISHED)).count());
        assertEquals(reads.size(), events.stream().filter(e -> e.getTopic().equals(HandbookEvents.ITEM_READ)).count());
        assertEquals(onBehalf, events.stream().filter(e -> e.getTopic().equals(HandbookEvents.ITEM_READ) && Boolean.TRUE.equals(e.getProperty(HandbookEvents.ON_BEHALF))).count());

        // questions: two published as Q&A, one answered only, one new
        List<Feedback> inbox = feedback.inbox(null, PageRequest.of(0, 50)).getItems();
        assertEquals(4, inbox.size());
        assertEquals(2, inbox.stream().filter(f -> f.publishedItemId() != null).count());
        assertEquals(3, inbox.stream().filter(f -> f.answer() != null).count());
        assertEquals(1, inbox.stream().filter(f -> f.status().name().equals("NEW")).count());

        // what members see: the demo member their district's, the province's (but the secretaries' guidance) and the mandatory item to read
        p.callers().as(TestCallers.member("demo-member", demoMember.id(), Map.of(HandbookPermissions.READ, Set.of(cell))));
        List<ItemSummary> seen = library.list(new LibraryQuery(null, null, null, null), PageRequest.of(0, 50)).getItems();
        assertEquals(10, seen.size(), "everything but the secretaries' guidance");
        assertEquals(List.of(mandatory.id()), reading.toRead(PageRequest.of(0, 10)).getItems().stream().map(ItemSummary::id).toList());
        List<SearchHit> hits = library.search("nghi quyet", PageRequest.of(0, 10)).getItems();
        assertTrue(hits.size() >= 2, "both resolutions are found without diacritics");
        staff(root);
        String district = lineage.get(1);
        Member elsewhere = registry.units().children(root, PageRequest.of(0, 50)).getItems().stream().filter(u -> !u.id().equals(district))
                .flatMap(u -> registry.members().search(new MemberQuery(null, u.id(), MemberStatus.OFFICIAL, null, null, null), PageRequest.of(0, 1))
                        .getItems().stream())
                .findFirst().orElseThrow();
        p.callers().as(TestCallers.member("elsewhere", elsewhere.id(), Map.of(HandbookPermissions.READ, Set.of(elsewhere.cellId()))));
        assertEquals(5, library.list(new LibraryQuery(null, null, null, null), PageRequest.of(0, 50)).getTotal(),
                "another district: the province's four and its Q&A");
        p.callers().as(TestCallers.member("secretary", demoMember.id(), Map.of(HandbookPermissions.READ, Set.of(cell),
                HandbookPermissions.audience("CELL_SECRETARY"), Set.of(cell))));
        assertEquals(11, library.list(new LibraryQuery(null, null, null, null), PageRequest.of(0, 50)).getTotal(), "a secretary sees the guidance too");

        // a restart: the handbook has items, nothing is written, no job, no event
        staff(root);
        first.stop();
        DemoLibrary again = demo();
        await("the restarted demo", () -> again.check().status() == HealthResult.Status.UP);
        assertTrue(again.job().isEmpty(), "no second job");
        assertTrue(String.valueOf(again.check().details()).contains("already has items"));
        assertEquals(11, editor.list(new EditorQuery(null, null, null), PageRequest.of(0, 100)).getTotal());
        assertNull(again.write((phase, done, total) -> { }), "the job itself refuses a second library");
        assertTrue(p.deliverEvents().isEmpty());
        again.stop();
        assertEquals(2, files.size());
    }

    /**
     * On Derby the registry's demo load writes the province in one transaction and holds its tables for the
     * minute it takes: the demo library's look at the registry runs out of lock time meanwhile. That is the
     * expected state of a first start, said in the health details (and once in the log), not a failed
     * schedule with a stack trace; once the tables are free the library is written.
     */
    @Test
    void aProvinceStillBeingWrittenIsWaitedForAsSuchAndTheLibraryFollows() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(p.dialect().equals("derby"), "PostgreSQL's readers do not wait for writers");
        registry.demo(p, 300, 20240525L);
        try (java.sql.Connection loading = p.connection(); java.sql.Statement st = loading.createStatement()) {
            st.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.waitTimeout', '1')");
            loading.setAutoCommit(false);
            st.execute("LOCK TABLE REG_MEMBER IN EXCLUSIVE MODE");
            DemoLibrary demo = demo();
            await("the locked registry seen", () -> DemoLibrary.LOCKED.equals(demo.check().details().get("reason")));
            assertTrue(demo.job().isEmpty(), "nothing started while the province is being written");
            loading.rollback();
            await("the demo library", () -> demo.check().status() == HealthResult.Status.UP);
            assertTrue(demo.job().orElseThrow().result().contains("\"written\":true"));
            demo.stop();
        }
    }

    private void staff(String unit) {
        p.callers().as(TestCallers.caller("staff@" + unit, Map.of("handbook.*", Set.of(unit), "registry.read", Set.of(unit))));
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(25);
        }
    }
}
