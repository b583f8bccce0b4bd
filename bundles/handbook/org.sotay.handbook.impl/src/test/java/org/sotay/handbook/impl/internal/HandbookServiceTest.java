package org.sotay.handbook.impl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestClock;
import org.sotay.core.testing.TestConfig;
import org.sotay.core.testing.TestPlatform;
import org.sotay.handbook.api.AttachmentFile;
import org.sotay.handbook.api.AttachmentInfo;
import org.sotay.handbook.api.Audience;
import org.sotay.handbook.api.ChangeEntry;
import org.sotay.handbook.api.Changes;
import org.sotay.handbook.api.Feedback;
import org.sotay.handbook.api.FeedbackAnswer;
import org.sotay.handbook.api.FeedbackDraft;
import org.sotay.handbook.api.FeedbackStatus;
import org.sotay.handbook.api.FeedbackTopic;
import org.sotay.handbook.api.HandbookEvents;
import org.sotay.handbook.api.HandbookPermissions;
import org.sotay.handbook.api.Item;
import org.sotay.handbook.api.ItemDraft;
import org.sotay.handbook.api.ItemStatus;
import org.sotay.handbook.api.ItemSummary;
import org.sotay.handbook.api.LibraryQuery;
import org.sotay.handbook.api.NoteDraft;
import org.sotay.handbook.api.OnBehalfRead;
import org.sotay.handbook.api.Packet;
import org.sotay.handbook.api.QaDraft;
import org.sotay.handbook.api.ReadBatch;
import org.sotay.handbook.api.ReadReceipt;
import org.sotay.handbook.api.ReadResult;
import org.sotay.handbook.api.ReadingRates;
import org.sotay.handbook.api.SearchHit;
import org.sotay.handbook.api.UnitRate;
import org.sotay.handbook.spi.PacketContributor;

/**
 * The handbook's rules on the harness: the real services, persistence unit and migrations on a real database
 * (Derby in memory; PostgreSQL with -Ppostgresql), the platform's journal, outbox and blob store; the registry
 * stands in behind its API ({@link StandInRegistry}).
 */
class HandbookServiceTest {
    private TestPlatform p;
    private StandInRegistry registry;
    private EditorServiceImpl editor;
    private LibraryServiceImpl library;
    private ReadingServiceImpl reading;
    private PersonalServiceImpl personal;
    private FeedbackServiceImpl feedback;
    private Publisher publisher;

    @BeforeEach
    void start() {
        p = TestPlatform.start(TestClock.at(LocalDateTime.of(2026, 12, 1, 8, 0)));
        p.migrate("handbook", "db/migration/handbook");
        registry = new StandInRegistry(p.callers());
        p.tree(registry);
        config(Map.of());
    }

    private void config(Map<String, Object> values) {
        HandbookConfig c = TestConfig.of(HandbookConfig.class, values);
        var jpa = p.jpa("sotay-handbook");
        editor = new EditorServiceImpl(jpa, p.callers(), p.journal(), p.systemClock(), registry, p.blobs(), c);
        library = new LibraryServiceImpl(jpa, p.callers(), p.systemClock(), registry, registry.memberService(), p.blobs(), c);
        reading = new ReadingServiceImpl(jpa, p.callers(), p.journal(), p.systemClock(), registry, registry.memberService(), registry.unitService());
        personal = new PersonalServiceImpl(jpa, p.callers(), p.systemClock(), registry, registry.memberService());
        feedback = new FeedbackServiceImpl(jpa, p.callers(), p.journal(), p.systemClock(), registry, registry.memberService(), editor, c);
        publisher = new Publisher(jpa, p.callers(), p.journal(), p.systemClock());
    }

    @AfterEach
    void stop() {
        p.close();
    }

    // ---- callers ----

    private void staff(String unit) {
        p.callers().as(TestCallers.caller("staff@" + unit, Map.of("handbook.*", Set.of(unit), "registry.read", Set.of(unit))));
    }

    private void member(String id) {
        String cell = registry.members.get(id).cellId();
        p.callers().as(TestCallers.member("account-" + id, id, Map.of(HandbookPermissions.READ, Set.of(cell))));
    }

    private void secretary(String id) {
        String cell = registry.members.get(id).cellId();
        p.callers().as(TestCallers.member("account-" + id, id, Map.of(HandbookPermissions.READ, Set.of(cell), HandbookPermissions.READING_RECORD, Set.of(cell),
                HandbookPermissions.READING_NAMES, Set.of(cell), HandbookPermissions.READING_REPORT, Set.of(cell), "registry.read", Set.of(cell),
                HandbookPermissions.audience("CELL_SECRETARY"), Set.of(cell))));
    }

    private static ItemDraft draft(String kind, String title, String body, String owner, List<String> audience) {
        return new ItemDraft(kind, null, title, "Tóm tắt: " + title, body, List.of("Học tập"), null, null, null, owner, new Audience(audience, List.of()),
                false, null, null);
    }

    private Item published(String title, String body, List<String> audience) {
        staff("root");
        Item draft = editor.create(draft("news", title, body, "root", audience));
        Item published = editor.publish(draft.id(), null, draft.version());
        p.clock().advance(Duration.ofMillis(5)); // the next change is later: the feed's order is the test's
        return published;
    }

    private void settle() {
        p.clock().advance(Duration.ofSeconds(3));
    }

    private static String slug(Runnable r) {
        return assertThrows(SotayException.class, r::run).type().slug();
    }

    // ---- the bars ----

    @Test
    void anItemPublishedToOneSubtreeIsInvisibleElsewhereInEveryWay() throws Exception {
        Item item = published("Kế hoạch học tập quý IV", "Nội dung **kế hoạch**.", List.of("d1"));
        staff("root");
        AttachmentInfo pdf = editor.attach(item.id(), "Kế hoạch.pdf", new ByteArrayInputStream("%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII)));
        settle();
        List<Event> events = p.deliverEvents();
        assertEquals(HandbookEvents.ITEM_PUBLISHED, events.get(0).getTopic());
        assertArrayEquals(new String[] { "d1" }, (String[]) events.get(0).getProperty(HandbookEvents.UNITS));

        member("an"); // in d1/c1
        assertEquals(List.of(item.id()), library.list(null, PageRequest.first(10)).getItems().stream().map(ItemSummary::id).toList());
        assertEquals("Kế hoạch học tập quý IV", library.get(item.id()).title());
        assertEquals(1, library.search("ke hoach", PageRequest.first(10)).getTotal());
        assertEquals(List.of(item.id()), library.changes(null, 50).items().stream().map(ChangeEntry::id).toList());
        personal.bookmark(item.id());
        assertEquals(1, personal.bookmarks(PageRequest.first(10)).getTotal());
        assertEquals(pdf.sha256(), library.attachment(item.id(), pdf.id()).info().sha256());

        member("em"); // in d2/c3
        assertEquals(0, library.list(null, PageRequest.first(10)).getTotal());
        assertEquals("not-found", slug(() -> library.get(item.id())));
        assertEquals(0, library.search("ke hoach", PageRequest.first(10)).getTotal());
        assertTrue(library.changes(null, 50).items().isEmpty());
        assertEquals("not-found", slug(() -> personal.bookmark(item.id())));
        assertEquals("not-found", slug(() -> library.attachment(item.id(), pdf.id())));
        assertEquals("not-found", slug(() -> reading.read(item.id(), null)));
        assertEquals("not-found", slug(() -> personal.saveNote(item.id(), new NoteDraft("x", null))));
        // and an unknown id answers exactly the same
        SotayException elsewhere = assertThrows(SotayException.class, () -> library.get(item.id()));
        SotayException nowhere = assertThrows(SotayException.class, () -> library.get("00000000-0000-0000-0000-000000000000"));
        assertEquals(elsewhere.detail(), nowhere.detail());
    }

    @Test
    void staffPublishOnlyWithinTheirSubtreeAndSeeOnlyTheirOwn() {
        staff("d2");
        SotayException e = assertThrows(SotayException.class, () -> editor.create(draft("news", "t", "b", "d2", List.of("d1"))));
        assertEquals("audience.unitIds[0]:unknown", e.errors().get(0).field() + ":" + e.errors().get(0).code());
        assertEquals("not-found", slug(() -> editor.create(draft("news", "t", "b", "d1", List.of("d2")))));
        Item mine = editor.create(draft("news", "Tin huyện", "b", "d2", List.of("d2")));
        staff("d1");
        assertEquals(0, editor.list(null, PageRequest.first(10)).getTotal());
        assertEquals("not-found", slug(() -> editor.publish(mine.id(), null, mine.version())));
        assertEquals(0L, p.query("SELECT COUNT(*) FROM HBK_ITEM WHERE OWNER_UNIT_ID = 'd1'", rs -> rs.getLong(1)).get(0));
    }

    @Test
    void scriptsAndEventHandlersAreStoredAndServedWithout() {
        String body = "# Tiêu đề\n\n<script>alert('x')</script>\n\nẢnh <img src=\"https://example.org/a.png\" onerror=\"alert(1)\"> và "
                + "[liên kết](https://example.org) và [xấu](javascript:alert(1))\n\n<div onclick=\"steal()\">bấm</div>";
        Item item = published("Bài có mã độc", body, List.of("root"));
        for (String stored : List.of(item.body(), item.bodyHtml(),
                p.query("SELECT BODY FROM HBK_ITEM WHERE ID = ?", rs -> rs.getString(1), item.id()).get(0),
                p.query("SELECT BODY_HTML FROM HBK_ITEM WHERE ID = ?", rs -> rs.getString(1), item.id()).get(0))) {
            assertFalse(stored.toLowerCase().contains("<script"), stored);
            assertFalse(stored.toLowerCase().contains("onerror"), stored);
            assertFalse(stored.toLowerCase().contains("onclick"), stored);
        }
        assertFalse(item.bodyHtml().contains("javascript:"), item.bodyHtml());
        assertTrue(item.bodyHtml().contains("<a href=\"https://example.org\" rel=\"noopener noreferrer\" target=\"_blank\">liên kết</a>"), item.bodyHtml());
        assertTrue(item.bodyHtml().contains("<h1>Tiêu đề</h1>"));
        assertTrue(item.bodyHtml().contains("src=\"https://example.org/a.png\""), "the image stays, its handler goes: " + item.bodyHtml());
        member("an");
        assertFalse(library.get(item.id()).bodyHtml().contains("alert"));
    }

    @Test
    void searchIgnoresDiacriticsAndRanksTitlesFirst() {
        Item inBody = published("Thông báo lịch học", "Học tập và làm theo nghị quyết của Đảng.", List.of("root"));
        Item inTitle = published("Nghị quyết số 12-NQ/TW về công tác xây dựng Đảng", "Toàn văn.", List.of("root"));
        published("Tin thể thao", "Không liên quan.", List.of("root"));
        member("an");
        List<SearchHit> hits = library.search("nghi quyet", PageRequest.first(10)).getItems();
        assertEquals(List.of(inTitle.id(), inBody.id()), hits.stream().map(h -> h.item().id()).toList());
        assertTrue(hits.get(0).score() > hits.get(1).score());
        assertEquals(inTitle.id(), library.search("NGHỊ QUYẾT xây dựng", PageRequest.first(10)).getItems().get(0).item().id());
        assertEquals(0, library.search("100%", PageRequest.first(10)).getTotal());
        assertEquals(1, library.search("12", PageRequest.first(10)).getTotal());
        assertEquals("q", assertThrows(SotayException.class, () -> library.search("%%% ", PageRequest.first(10))).errors().get(0).field());
        assertEquals(0, library.search("x".repeat(10_000) + " nghi", PageRequest.first(10)).getTotal(), "every word must match; a long one is cut, not an error");
    }

    @Test
    void theSecondSyncWithNothingNewIsEmptyAndAWithdrawalIsATombstone() {
        Item a = published("Một", "b", List.of("d1"));
        Item b = published("Hai", "b", List.of("root"));
        settle();
        member("an");
        Changes first = library.changes(null, 50);
        assertEquals(List.of(a.id(), b.id()), first.items().stream().map(ChangeEntry::id).toList());
        Changes second = library.changes(first.next(), 50);
        assertTrue(second.items().isEmpty());
        assertEquals(first.next(), second.next(), "nothing new: the same cursor, so the same answer (and ETag)");
        assertEquals(second, library.changes(second.next(), 50));

        staff("root");
        Item ed = editor.get(a.id());
        editor.withdraw(a.id(), "Thay bằng văn bản mới", ed.version());
        p.clock().advance(Duration.ofMillis(5));
        Item c = published("Ba", "b", List.of("c1"));
        settle();
        member("an");
        Changes third = library.changes(second.next(), 50);
        assertEquals(List.of(a.id() + ":true", c.id() + ":false"), third.items().stream().map(e -> e.id() + ":" + e.removed()).toList());
        member("em");
        Changes other = library.changes(null, 50);
        assertEquals(List.of(b.id()), other.items().stream().map(ChangeEntry::id).toList());
        // a reader whose position changes starts again
        registry.add("an", "Nguyễn Văn An", "c3", org.sotay.registry.api.MemberStatus.OFFICIAL);
        member("an");
        Changes moved = library.changes(third.next(), 50);
        assertTrue(moved.reset());
        assertEquals(List.of(b.id()), moved.items().stream().map(ChangeEntry::id).toList());
        assertEquals("since", assertThrows(SotayException.class, () -> library.changes("c1.garbage", 50)).errors().get(0).field());
    }

    @Test
    void aReadOnBehalfCountsInTheRateAndShowsAsOnBehalf() {
        staff("root");
        Item d = editor.create(new ItemDraft("resolution", null, "Nghị quyết bắt buộc đọc", null, "Nội dung", List.of(), "Tỉnh ủy", "12-NQ/TU",
                LocalDate.of(2026, 11, 20), "root", new Audience(List.of("d1"), List.of()), true, LocalDate.of(2026, 12, 31), null));
        Item item = editor.publish(d.id(), null, d.version());
        member("an");
        assertEquals(List.of(item.id()), reading.toRead(PageRequest.first(10)).getItems().stream().map(ItemSummary::id).toList());
        ReadResult first = reading.read(item.id(), new ReadReceipt(null, "phone-1", Instant.parse("2026-12-01T00:30:00Z")));
        assertTrue(first.recorded());
        ReadResult again = reading.read(item.id(), new ReadReceipt(null, "phone-1", Instant.parse("2026-12-01T00:45:00Z")));
        assertEquals("duplicate", again.status());
        assertEquals(first.readAt(), again.readAt(), "the first read stands");
        assertEquals(0, reading.toRead(PageRequest.first(10)).getTotal());

        secretary("binh"); // secretary of c1
        assertEquals(List.of("binh"), reading.unread(item.id(), "c1").stream().map(u -> u.memberId()).toList(), "the exempt member is not expected");
        ReadResult behalf = reading.readOnBehalf(item.id(), new OnBehalfRead("binh", "Đọc to tại buổi sinh hoạt chi bộ", null, null));
        assertTrue(behalf.onBehalf());
        assertTrue(reading.unread(item.id(), "c1").isEmpty());
        assertEquals("memberId", assertThrows(SotayException.class, () -> reading.readOnBehalf(item.id(), new OnBehalfRead("em", null, null, null)))
                .errors().get(0).field(), "a member of another cell is unknown to this secretary");

        staff("d1");
        ReadingRates rates = reading.rates(item.id(), "d1");
        assertEquals(new UnitRate("d1", "Đơn vị d1", 3L, 2, 1, 1, 66), rates.unit());
        UnitRate c1 = rates.children().stream().filter(u -> u.unitId().equals("c1")).findFirst().get();
        assertEquals(new UnitRate("c1", "Đơn vị c1", 2L, 2, 1, 1, 100), c1);
        // names are for the cell's own secretary: staff above see rates only
        p.callers().as(TestCallers.caller("staff@d1", Map.of("handbook.*", Set.of("d1"))));
        assertEquals("not-found", slug(() -> reading.unread(item.id(), "c1")));

        List<Event> reads = p.deliverEvents().stream().filter(e -> e.getTopic().equals(HandbookEvents.ITEM_READ)).toList();
        assertEquals(2, reads.size());
        Event byBinh = reads.stream().filter(e -> "binh".equals(e.getProperty(HandbookEvents.MEMBER))).findFirst().get();
        assertEquals(Boolean.TRUE, byBinh.getProperty(HandbookEvents.ON_BEHALF));
        assertEquals(Boolean.FALSE, reads.stream().filter(e -> "an".equals(e.getProperty(HandbookEvents.MEMBER))).findFirst().get()
                .getProperty(HandbookEvents.ON_BEHALF));
        assertEquals(List.of("item.read", "item.read-on-behalf"), p.query("SELECT ACTION FROM CORE_AUDIT WHERE ACTION LIKE 'item.read%' ORDER BY ACTION",
                rs -> rs.getString(1)));
    }

    @Test
    void anOfflineBatchSentTwiceRecordsEachReadOnce() {
        Item a = published("Một", "b", List.of("d1"));
        Item b = published("Hai", "b", List.of("d2"));
        member("an");
        ReadBatch batch = new ReadBatch(List.of(new ReadReceipt(a.id(), "x1", Instant.parse("2026-11-30T10:00:00Z")), new ReadReceipt(b.id(), "x2", null)));
        assertEquals(List.of("recorded", "not-found"), reading.readAll(batch).stream().map(ReadResult::status).toList());
        assertEquals(List.of("duplicate", "not-found"), reading.readAll(batch).stream().map(ReadResult::status).toList());
        assertEquals(1L, p.query("SELECT COUNT(*) FROM HBK_READ", rs -> rs.getLong(1)).get(0));
        assertEquals(a.publishedAt().toEpochMilli(), p.query("SELECT READ_MS FROM HBK_READ", rs -> rs.getLong(1)).get(0),
                "a client time before the publication counts as the publication");
    }

    @Test
    void anEditOfAPublishedItemKeepsThePreviousEdition() {
        Item item = published("Lần một", "Thân bài một", List.of("root"));
        staff("root");
        Item edited = editor.update(item.id(), new ItemDraft("news", null, "Lần hai", null, "Thân bài hai", List.of(), null, null, null, null,
                new Audience(List.of("root"), List.of()), false, null, item.version()));
        assertEquals(2, edited.edition());
        assertEquals(List.of("1:Lần một:Thân bài một"), editor.versions(item.id()).stream().map(v -> v.edition() + ":" + v.title() + ":" + v.body()).toList());
        assertEquals("stale-version", slug(() -> editor.update(item.id(), new ItemDraft("news", null, "Lần ba", null, "b", List.of(), null, null, null, null,
                new Audience(List.of("root"), List.of()), false, null, item.version()))));
        assertTrue(p.deliverEvents().stream().anyMatch(e -> e.getTopic().equals(HandbookEvents.ITEM_UPDATED)));
        member("an");
        assertEquals("Lần hai", library.get(item.id()).title());
    }

    @Test
    void anItemForSecretariesOnlyReachesOnlyThem() {
        staff("root");
        Item d = editor.create(new ItemDraft("guidance", null, "Hướng dẫn cho bí thư", null, "b", List.of(), null, null, null, "root",
                new Audience(List.of("root"), List.of("CELL_SECRETARY")), false, null, null));
        editor.publish(d.id(), null, d.version());
        member("an");
        assertEquals(0, library.list(null, PageRequest.first(10)).getTotal());
        secretary("binh");
        assertEquals(1, library.list(new LibraryQuery("guidance", null, null, null), PageRequest.first(10)).getTotal());
    }

    @Test
    void attachmentsAreTypedFromTheirBytesAndResumeFromAnOffset() throws Exception {
        config(Map.of("pdfMaxBytes", 1000L));
        Item item = published("Có tệp", "b", List.of("root"));
        staff("root");
        byte[] png = new byte[300];
        byte[] magic = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };
        System.arraycopy(magic, 0, png, 0, magic.length);
        for (int i = 8; i < png.length; i++) {
            png[i] = (byte) i;
        }
        AttachmentInfo a = editor.attach(item.id(), "C:\\Ảnh chụp\\ảnh đại hội.pdf", new ByteArrayInputStream(png));
        assertEquals("image/png", a.mediaType(), "the bytes decide, not the name");
        assertEquals("ảnh đại hội.pdf", a.fileName());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)), a.sha256());
        assertEquals("handbook.unsupported-file", slug(() -> editor.attach(item.id(), "x.pdf", new ByteArrayInputStream("<html>".getBytes()))));
        byte[] bigPdf = ("%PDF-1.7\n" + "x".repeat(2000)).getBytes(StandardCharsets.US_ASCII);
        assertEquals("payload-too-large", slug(() -> editor.attach(item.id(), "lớn.pdf", new ByteArrayInputStream(bigPdf))));
        assertEquals(1L, p.query("SELECT COUNT(*) FROM HBK_ATTACHMENT", rs -> rs.getLong(1)).get(0));
        member("an");
        AttachmentFile file = library.attachment(item.id(), a.id());
        byte[] head;
        try (InputStream in = file.open(0, 100)) {
            head = in.readAllBytes();
        }
        byte[] rest;
        try (InputStream in = file.open(100, -1)) {
            rest = in.readAllBytes();
        }
        byte[] whole = new byte[head.length + rest.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(rest, 0, whole, head.length, rest.length);
        assertArrayEquals(png, whole, "a download cut at byte 100 resumes there and the bytes match");
    }

    @Test
    void aScheduledItemAppearsWhenItsTimeComes() throws Exception {
        staff("root");
        Item d = editor.create(draft("news", "Sắp tới", "b", "root", List.of("root")));
        Item s = editor.publish(d.id(), p.clock().instant().plus(Duration.ofHours(1)), d.version());
        assertEquals(ItemStatus.SCHEDULED, s.status());
        assertEquals(0, publisher.publishDue());
        member("an");
        assertEquals(0, library.list(null, PageRequest.first(10)).getTotal());
        p.clock().advance(Duration.ofMinutes(61));
        assertEquals(1, publisher.publishDue());
        assertEquals(1, library.list(null, PageRequest.first(10)).getTotal());
        assertEquals(List.of(HandbookEvents.ITEM_PUBLISHED), p.deliverEvents().stream().map(Event::getTopic).toList());
    }

    @Test
    void thePacketHoldsTheToReadItemsAndWhatContributorsAddWithinTheAudience() {
        staff("root");
        Item d = editor.create(new ItemDraft("directive", null, "Chỉ thị cần đọc", null, "**Đọc kỹ**", List.of(), null, null, null, "root",
                new Audience(List.of("c1"), List.of()), true, LocalDate.of(2026, 12, 20), null));
        Item mandatory = editor.publish(d.id(), null, d.version());
        Item meetingDoc = published("Tài liệu họp chi bộ", "Nội dung họp", List.of("c1"));
        Item elsewhere = published("Tài liệu nơi khác", "x", List.of("c3"));
        library.addContributor((memberId, cell) -> List.of(new PacketContributor.Entry(meetingDoc.id(), Text.of("Tài liệu sinh hoạt chi bộ", "Meeting document")),
                new PacketContributor.Entry(elsewhere.id(), Text.of("lọt", "leak"))));
        library.addContributor((memberId, cell) -> {
            throw new IllegalStateException("a broken contributor is left out");
        });
        member("an");
        Packet packet = library.packet();
        assertEquals(List.of(mandatory.id(), meetingDoc.id()), packet.items().stream().map(i -> i.item().itemId()).toList());
        assertEquals("<p><strong>Đọc kỹ</strong></p>", packet.items().get(0).item().bodyHtml());
        assertTrue(packet.items().get(0).mandatory());
        assertEquals("Tài liệu sinh hoạt chi bộ", packet.items().get(1).reasonVi());
    }

    @Test
    void feedbackIsAnsweredInScopeRateLimitedAndCanHideItsSender() {
        config(Map.of("feedbackPerHour", 2));
        member("an");
        Feedback f = feedback.send(new FeedbackDraft(FeedbackTopic.QUESTION, null, "Đóng đảng phí thế nào?", "Đảng viên hưu trí đóng bao nhiêu?", null, true));
        assertEquals("c1", f.unitId());
        assertEquals("account-an", f.senderName(), "the sender sees their own name");
        feedback.send(new FeedbackDraft(FeedbackTopic.SOFTWARE, null, null, "Chữ quá nhỏ.", null, false));
        assertEquals("too-many-requests", slug(() -> feedback.send(new FeedbackDraft(FeedbackTopic.SOFTWARE, null, null, "Lần ba", null, false))));
        staff("d2");
        assertEquals(0, feedback.inbox(null, PageRequest.first(10)).getTotal());
        assertEquals("not-found", slug(() -> feedback.get(f.id())));
        staff("d1");
        assertEquals(2, feedback.inbox(FeedbackStatus.NEW, PageRequest.first(10)).getTotal());
        assertNull(feedback.get(f.id()).senderName(), "hidden from everyone but the sender");
        Feedback answered = feedback.answer(f.id(), new FeedbackAnswer("Mức 0,5% lương hưu.", f.version()));
        assertEquals(FeedbackStatus.ANSWERED, answered.status());
        Item qa = feedback.toQa(f.id(), new QaDraft("d1", new Audience(List.of("d1"), List.of()), null));
        assertEquals("qa", qa.kind());
        assertFalse(qa.body().contains("account-an"), qa.body());
        assertEquals(ItemStatus.DRAFT, qa.status());
        member("an");
        assertEquals("Mức 0,5% lương hưu.", feedback.mine(PageRequest.first(10)).getItems().stream().filter(x -> x.id().equals(f.id())).findFirst().get()
                .answer());
        assertEquals("account-an", p.query("SELECT ACCOUNT_ID FROM HBK_FEEDBACK WHERE ID = ?", rs -> rs.getString(1), f.id()).get(0),
                "never hidden from the system");
        Event answeredEvent = p.deliverEvents().stream().filter(e -> e.getTopic().equals(HandbookEvents.FEEDBACK_ANSWERED)).findFirst().get();
        assertEquals("account-an", answeredEvent.getProperty(HandbookEvents.ACCOUNT));
    }

    @Test
    void everyFieldAtFaultIsReportedAtOnce() {
        staff("root");
        SotayException e = assertThrows(SotayException.class, () -> editor.create(new ItemDraft("news", null, " \u0000 ", null, "x".repeat(200_001),
                List.of("a".repeat(51)), null, null, null, null, null, true, null, 3L)));
        assertEquals(List.of("title:control-character", "body:too-long", "ownerUnitId:required", "version:not-allowed", "tags[0]:too-long", "deadline:required"),
                e.errors().stream().map(f -> f.field() + ":" + f.code()).toList());
        SotayException kind = assertThrows(SotayException.class, () -> editor.create(new ItemDraft("news", null, "t", null, "b", List.of(), null, "12/NQ",
                null, "root", null, false, null, null)));
        assertEquals("documentNumber:not-allowed", kind.errors().get(0).field() + ":" + kind.errors().get(0).code());
        assertEquals(0L, p.query("SELECT COUNT(*) FROM HBK_ITEM", rs -> rs.getLong(1)).get(0));
        assertNotEquals(null, editor.create(new ItemDraft("news", null, "Đ".repeat(300), null, "b", List.of(), null, null, null, "root", null, false, null, null)));
    }
}
