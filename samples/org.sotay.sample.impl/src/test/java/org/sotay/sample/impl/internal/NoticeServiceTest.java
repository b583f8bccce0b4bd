package org.sotay.sample.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestClock;
import org.sotay.core.testing.TestPlatform;
import org.sotay.sample.api.Notice;
import org.sotay.sample.api.NoticeDraft;
import org.sotay.sample.api.SampleEvents;
import org.sotay.sample.api.SamplePermissions;

/**
 * The template of a module's service test: the real service, its persistence unit and migrations on
 * a real database (in-memory Derby; PostgreSQL with -Ppostgresql), the platform's journal, a test
 * clock and a stand-in tree, in a second or two. Copy it with the module.
 */
class NoticeServiceTest {
    /** root / district / cell, and another district beside it. */
    private static final OrgTree TREE = new OrgTree() {
        @Override
        public List<String> lineage(String unitId) {
            return switch (unitId) {
            case "root" -> List.of("root");
            case "district" -> List.of("root", "district");
            case "cell" -> List.of("root", "district", "cell");
            case "other" -> List.of("root", "other");
            default -> List.of();
            };
        }

        @Override
        public List<String> roots() {
            return List.of("root");
        }
    };

    private TestPlatform p;
    private NoticeServiceImpl notices;

    @BeforeEach
    void start() {
        p = TestPlatform.start(TestClock.at(LocalDateTime.of(2026, 12, 1, 8, 0)));
        p.migrate("sample", "db/migration/sample");
        p.tree(TREE);
        notices = new NoticeServiceImpl(p.jpa("sotay-sample"), p.callers(), p.journal(), p.systemClock(), TREE);
    }

    @AfterEach
    void stop() {
        p.close();
    }

    private void as(String unit, String... permissions) {
        p.callers().as(TestCallers.caller("staff@" + unit, Set.of(unit), permissions));
    }

    @Test
    void aNoticeIsPublishedAtAUnitWithItsAuditLineAndItsEvent() {
        as("district", SamplePermissions.WRITE, SamplePermissions.READ);
        Notice n = notices.publish(new NoticeDraft("cell", " Họp chi bộ tháng 12 ", "Thứ Bảy, 8 giờ,\nnhà văn hóa thôn.", null));
        assertEquals("Họp chi bộ tháng 12", n.title());
        assertEquals(p.clock().instant(), n.publishedAt());
        List<Event> events = p.deliverEvents();
        assertEquals(1, events.size());
        assertEquals(SampleEvents.NOTICE_PUBLISHED, events.get(0).getTopic());
        assertEquals(List.of("cell"), List.of((String[]) events.get(0).getProperty(SampleEvents.UNITS)));
        assertEquals(List.of("notice.publish"), p.query("SELECT ACTION FROM CORE_AUDIT WHERE TARGET_ID = ?", rs -> rs.getString(1), n.id()));
    }

    @Test
    void readersSeeTheirSubtreeOnlyAndOutOfScopeIsNotFound() {
        as("root", SamplePermissions.WRITE);
        Notice inCell = notices.publish(new NoticeDraft("cell", "Trong chi bộ", "…", null));
        Notice elsewhere = notices.publish(new NoticeDraft("other", "Nơi khác", "…", null));
        as("district", SamplePermissions.READ);
        assertEquals(List.of(inCell.id()), notices.list(null, PageRequest.first(10)).getItems().stream().map(Notice::id).toList());
        assertEquals("not-found", assertThrows(SotayException.class, () -> notices.get(elsewhere.id())).type().slug());
        assertEquals("not-found", assertThrows(SotayException.class, () -> notices.list("other", PageRequest.first(10))).type().slug());
        as("district");
        assertEquals(0, notices.list(null, PageRequest.first(10)).getTotal(), "no permission: nothing, whatever the filters");
    }

    @Test
    void aWriterPublishesOnlyInTheirSubtreeAndAnUnknownUnitLooksTheSame() {
        as("district", SamplePermissions.WRITE);
        SotayException elsewhere = assertThrows(SotayException.class, () -> notices.publish(new NoticeDraft("other", "t", "b", null)));
        SotayException nowhere = assertThrows(SotayException.class, () -> notices.publish(new NoticeDraft("no-such-unit", "t", "b", null)));
        assertEquals(404, elsewhere.type().status());
        assertEquals(elsewhere.detail(), nowhere.detail());
        assertEquals(0L, p.query("SELECT COUNT(*) FROM SMP_NOTICE", rs -> rs.getLong(1)).get(0));
    }

    @Test
    void everyFieldAtFaultIsReportedAtOnce() {
        as("district", SamplePermissions.WRITE);
        SotayException e = assertThrows(SotayException.class,
                () -> notices.publish(new NoticeDraft(null, " \u0000 x", "x".repeat(4001), 3L)));
        assertEquals(List.of("unitId:required", "version:not-allowed", "title:control-character", "body:too-long"),
                e.errors().stream().map(f -> f.field() + ":" + f.code()).toList());
        // 200 Vietnamese letters fit a title of 200; 201 do not
        assertEquals(200, notices.publish(new NoticeDraft("cell", "Đ".repeat(200), "b", null)).title().length());
        assertThrows(SotayException.class, () -> notices.publish(new NoticeDraft("cell", "Đ".repeat(201), "b", null)));
    }

    @Test
    void anEditComparesTheVersionAndNeverMovesTheNotice() {
        as("district", SamplePermissions.WRITE);
        Notice n = notices.publish(new NoticeDraft("cell", "Lần đầu", "b", null));
        Notice edited = notices.update(n.id(), new NoticeDraft(null, "Lần hai", "b", n.version()));
        assertEquals("Lần hai", edited.title());
        assertEquals("stale-version", assertThrows(SotayException.class,
                () -> notices.update(n.id(), new NoticeDraft(null, "Lần ba", "b", n.version()))).type().slug());
        assertEquals("unitId", assertThrows(SotayException.class,
                () -> notices.update(n.id(), new NoticeDraft("other", "Lần ba", "b", edited.version()))).errors().get(0).field());
        assertTrue(p.deliverEvents().stream().anyMatch(e -> e.getTopic().equals(SampleEvents.NOTICE_UPDATED)));
    }
}
