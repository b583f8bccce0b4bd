package org.sotay.meetings.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.testing.TestPlatform;
import org.sotay.meetings.api.AgendaItemDraft;
import org.sotay.meetings.api.CancelDraft;
import org.sotay.meetings.api.ConfirmDraft;
import org.sotay.meetings.api.Document;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingDraft;
import org.sotay.meetings.api.MeetingEvents;
import org.sotay.meetings.api.MeetingPattern;
import org.sotay.meetings.api.MeetingQuery;
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.MoveDraft;
import org.sotay.meetings.api.PatternDraft;
import org.sotay.meetings.api.Proposal;
import org.sotay.meetings.api.Venue;
import org.sotay.meetings.api.VenueDraft;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberStatus;

/** Scheduling: the pattern once, then one call a month; overlaps, durations, zones, scope, moves and cancellations. */
class MeetingServiceTest {
    private MeetingsFixture f;
    private Member an;
    private Member binh;

    @BeforeEach
    void start() {
        f = new MeetingsFixture();
        an = f.registry.add("m-an", "Chẩu Văn An", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        binh = f.registry.add("m-binh", "Lý Thị Bình", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        f.registry.add("m-other", "Hoàng Văn Cường", MeetingsFixture.OTHER_CELL, MemberStatus.OFFICIAL);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Venue venue() {
        return f.meetings.addVenue(MeetingsFixture.CELL, new VenueDraft("Nhà văn hóa thôn Nà Hang", "Thôn Nà Hang", false, null, null));
    }

    @Test
    void aPatternOnceThenOneCallAMonth() {
        f.as(f.secretary(MeetingsFixture.CELL));
        Venue v = venue();
        MeetingPattern pattern = f.meetings.setPattern(MeetingsFixture.CELL, new PatternDraft(5, null, null, "19:30", null, null, v.id(), an.id(),
                binh.id(), List.of("Kiểm điểm tháng trước", "Nhiệm vụ tháng tới"), null));
        assertEquals(90, pattern.durationMinutes(), "the kind's minimum by default");
        assertTrue(pattern.description().contains("19:30"), pattern.description());

        Proposal proposal = f.meetings.proposal(MeetingsFixture.CELL, null);
        assertEquals("2026-12", proposal.month(), "the 5th of this month is still ahead on the 1st");
        assertEquals("pattern", proposal.basis());
        assertEquals(LocalDate.of(2026, 12, 5), proposal.draft().date());
        assertEquals(v.id(), proposal.draft().venueId());
        assertEquals(List.of("Kiểm điểm tháng trước", "Nhiệm vụ tháng tới"), proposal.draft().agenda().stream().map(AgendaItemDraft::title).toList());
        assertEquals(LocalDate.of(2026, 11, 20), proposal.deadline());
        assertTrue(proposal.pastDeadline());

        Meeting january = f.meetings.confirm(MeetingsFixture.CELL, new ConfirmDraft("2027-01", null, null, null, null));
        assertEquals(LocalDate.of(2027, 1, 5), january.date());
        assertEquals("19:30", january.time());
        assertEquals(Instant.parse("2027-01-05T12:30:00Z"), january.start(), "19:30 in Vietnam is 12:30 UTC");
        assertEquals(Instant.parse("2027-01-05T14:00:00Z"), january.end());
        assertEquals("Nhà văn hóa thôn Nà Hang", january.venueName());
        assertEquals(Boolean.FALSE, january.venueInternet());
        assertEquals(an.id(), january.chairId());
        assertTrue(january.registeredBeforeDeadline(), "registered on 1 December, before the 20th");
        assertFalse(january.recordedLate());
        assertEquals(6, january.checkInCode().length());

        List<Event> events = f.p.deliverEvents();
        assertEquals(1, events.size());
        Map<String, Object> e = TestPlatform.properties(events.get(0));
        assertEquals(MeetingEvents.SCHEDULED, events.get(0).getTopic());
        assertEquals(january.id(), e.get(MeetingEvents.ID));
        assertEquals("2027-01", e.get(MeetingEvents.PERIOD));
        assertEquals(january.start().toEpochMilli(), ((Number) e.get(MeetingEvents.START_MS)).longValue());
        assertEquals(Boolean.TRUE, e.get(MeetingEvents.BEFORE_DEADLINE));
        assertEquals(Boolean.FALSE, e.get(MeetingEvents.VENUE_INTERNET));
        assertEquals("REGULAR", e.get(MeetingEvents.KIND));
        assertTrue(e.containsKey("eventId"));
        assertEquals(List.of("meeting.schedule", "pattern.set", "venue.add"), f.p.query("SELECT ACTION FROM CORE_AUDIT ORDER BY ACTION",
                rs -> rs.getString(1)));

        SotayException twice = assertThrows(SotayException.class, () -> f.meetings.confirm(MeetingsFixture.CELL, new ConfirmDraft("2027-01", null, null,
                null, null)));
        assertEquals("meetings.month-registered", twice.type().slug());
        // the next month is proposed once January is registered; a move in the same call
        Meeting february = f.meetings.confirm(MeetingsFixture.CELL, new ConfirmDraft("2027-02", LocalDate.of(2027, 2, 6), "08:00", null, null));
        assertEquals(LocalDate.of(2027, 2, 6), february.date());
        assertEquals("08:00", february.time());
    }

    @Test
    void theFirstSaturdayAndTheLastMeetingAsABasis() {
        f.as(f.secretary(MeetingsFixture.CELL));
        f.meetings.setPattern(MeetingsFixture.CELL, new PatternDraft(null, 1, DayOfWeek.SATURDAY, "08:00", 120, "THEMATIC", null, null, null, null,
                null));
        assertEquals(LocalDate.of(2027, 3, 6), f.meetings.proposal(MeetingsFixture.CELL, "2027-03").draft().date());
        f.meetings.setPattern(MeetingsFixture.CELL, new PatternDraft(null, -1, DayOfWeek.SATURDAY, "08:00", null, null, null, null, null, null,
                f.meetings.pattern(MeetingsFixture.CELL).version()));
        assertEquals(LocalDate.of(2027, 1, 30), f.meetings.proposal(MeetingsFixture.CELL, "2027-01").draft().date(), "the last Saturday");
        // a pattern on the 31st takes the last day of a short month
        f.meetings.setPattern(MeetingsFixture.CELL, new PatternDraft(31, null, null, "19:00", null, null, null, null, null, null,
                f.meetings.pattern(MeetingsFixture.CELL).version()));
        assertEquals(LocalDate.of(2027, 2, 28), f.meetings.proposal(MeetingsFixture.CELL, "2027-02").draft().date());
        SotayException both = assertThrows(SotayException.class, () -> f.meetings.setPattern(MeetingsFixture.CELL, new PatternDraft(5, 1,
                DayOfWeek.MONDAY, "25:00", 5, null, null, null, null, null, 99L)));
        assertEquals(List.of("dayOfMonth:one-rule", "time:not-a-time", "durationMinutes:out-of-range"),
                both.errors().stream().map(x -> x.field() + ":" + x.code()).toList());

        // a cell without a pattern gets last month's meeting as the basis
        f.as(f.secretary(MeetingsFixture.OTHER_CELL));
        f.meetings.create(new MeetingDraft(MeetingsFixture.OTHER_CELL, null, null, LocalDate.of(2026, 12, 12), "14:00", null, null, "Hội trường xã", null,
                null, List.of(new AgendaItemDraft("Học tập nghị quyết", List.of())), null));
        Proposal p = f.meetings.proposal(MeetingsFixture.OTHER_CELL, null);
        assertEquals("last-meeting", p.basis());
        assertEquals("2027-01", p.month());
        assertEquals(LocalDate.of(2027, 1, 12), p.draft().date());
        assertEquals("14:00", p.draft().time());
        assertEquals("Học tập nghị quyết", p.draft().agenda().get(0).title());
    }

    @Test
    void overlapsAreRefusedShortMeetingsFlaggedAndTimesAreVietnamsWhateverTheServer() {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try {
            f.as(f.secretary(MeetingsFixture.CELL));
            Meeting m = f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, "THEMATIC", null, LocalDate.of(2026, 12, 10), "07:00", 90, null, null,
                    null, null, null, null));
            assertEquals(Instant.parse("2026-12-10T00:00:00Z"), m.start(), "07:00 in Vietnam, on a server set to UTC");
            assertEquals(120, m.minimumMinutes());
            assertTrue(m.tooShort(), "a thematic meeting of 90 minutes is flagged, not refused");
            assertTrue(m.title().contains("12/2026"), m.title());
            SotayException clash = assertThrows(SotayException.class, () -> f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, null, null,
                    LocalDate.of(2026, 12, 10), "08:00", null, null, null, null, null, null, null)));
            assertEquals("meetings.overlap", clash.type().slug());
            assertEquals(409, clash.type().status());
            // right after it is fine
            f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, null, null, LocalDate.of(2026, 12, 10), "08:30", null, null, null, null, null, null,
                    null));
            SotayException bad = assertThrows(SotayException.class, () -> f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, "NO-SUCH", "x".repeat(301),
                    LocalDate.of(2199, 1, 1), "7:00", 10_000, null, null, null, null, null, 3L)));
            assertEquals(List.of("version:not-allowed", "title:too-long", "time:not-a-time", "date:out-of-range", "durationMinutes:out-of-range"),
                    bad.errors().stream().map(x -> x.field() + ":" + x.code()).toList());
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void aMeetingHeldButNeverRegisteredIsRecordedLate() {
        f.as(f.secretary(MeetingsFixture.CELL));
        Meeting late = f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, null, null, LocalDate.of(2026, 11, 5), "19:30", null, null, null, null,
                null, null, null));
        assertTrue(late.recordedLate());
        assertFalse(late.registeredBeforeDeadline());
        assertEquals(Boolean.TRUE, TestPlatform.properties(f.p.deliverEvents().get(0)).get(MeetingEvents.RECORDED_LATE));
    }

    @Test
    void aSecretaryOfOneCellCannotSeeOrChangeAnothersMeetingAndMembersSeeTheirCell() {
        f.as(f.secretary(MeetingsFixture.OTHER_CELL));
        Meeting elsewhere = f.meetings.create(new MeetingDraft(MeetingsFixture.OTHER_CELL, null, null, LocalDate.of(2026, 12, 15), "19:30", null, null,
                null, null, null, null, null));
        f.as(f.secretary(MeetingsFixture.CELL));
        Meeting mine = f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, null, null, LocalDate.of(2026, 12, 15), "19:30", null, null, null, null,
                null, null, null));
        for (Runnable r : List.<Runnable>of(() -> f.meetings.get(elsewhere.id()),
                () -> f.meetings.move(elsewhere.id(), new MoveDraft(LocalDate.of(2026, 12, 16), "19:30", null, null, elsewhere.version())),
                () -> f.meetings.cancel(elsewhere.id(), new CancelDraft("x", elsewhere.version())),
                () -> f.meetings.create(new MeetingDraft(MeetingsFixture.OTHER_CELL, null, null, LocalDate.of(2026, 12, 20), "19:30", null, null, null,
                        null, null, null, null)),
                () -> f.meetings.venues(MeetingsFixture.OTHER_CELL), () -> f.attendance.roll(elsewhere.id()))) {
            assertEquals(404, assertThrows(SotayException.class, r::run).type().status());
        }
        assertEquals(List.of(mine.id()), f.meetings.list(null, PageRequest.first(10)).getItems().stream().map(Meeting::id).toList());

        f.as(f.member(an));
        Meeting seen = f.meetings.get(mine.id());
        assertNull(seen.checkInCode(), "members do not see the code: it is read out at the opening");
        assertEquals(404, assertThrows(SotayException.class, () -> f.meetings.get(elsewhere.id())).type().status());
        assertEquals(0, f.meetings.list(new MeetingQuery(null, null, null, null), PageRequest.first(10)).getItems().stream()
                .filter(m -> m.id().equals(elsewhere.id())).count());

        f.as(f.staff(MeetingsFixture.ROOT));
        assertEquals(2, f.meetings.list(null, PageRequest.first(10)).getTotal(), "staff above see every meeting of their subtree");
        assertEquals(1, f.meetings.list(new MeetingQuery(MeetingsFixture.DISTRICT, null, null, null), PageRequest.first(10)).getTotal());
        assertEquals(0, f.meetings.list(new MeetingQuery(null, LocalDate.of(2026, 12, 16), null, null), PageRequest.first(10)).getTotal());
    }

    @Test
    void aMoveUpdatesInPlaceAndACancelledMeetingStaysCancelled() {
        f.as(f.secretary(MeetingsFixture.CELL));
        Meeting m = f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, null, null, LocalDate.of(2026, 12, 15), "19:30", null, null, null, null,
                null, null, null));
        f.p.deliverEvents();
        Meeting moved = f.meetings.move(m.id(), new MoveDraft(LocalDate.of(2026, 12, 17), "20:00", 100, "Trùng lịch thu hoạch", m.version()));
        assertEquals(1, moved.sequence());
        assertEquals(100, moved.durationMinutes());
        assertEquals("stale-version", assertThrows(SotayException.class, () -> f.meetings.move(m.id(), new MoveDraft(LocalDate.of(2026, 12, 18), "20:00",
                null, null, m.version()))).type().slug());
        Meeting cancelled = f.meetings.cancel(m.id(), new CancelDraft("Bão lũ", moved.version()));
        assertEquals(MeetingStatus.CANCELLED, cancelled.status());
        assertEquals(2, cancelled.sequence());
        assertEquals("meetings.wrong-state", assertThrows(SotayException.class, () -> f.meetings.move(m.id(), new MoveDraft(LocalDate.of(2026, 12, 18),
                "20:00", null, null, cancelled.version()))).type().slug());
        List<Event> events = f.p.deliverEvents();
        assertEquals(List.of(MeetingEvents.CANCELLED, MeetingEvents.MOVED), events.stream().map(Event::getTopic).sorted().toList());
        assertEquals("Bão lũ", events.stream().filter(e -> e.getTopic().equals(MeetingEvents.CANCELLED)).findFirst().orElseThrow()
                .getProperty(MeetingEvents.REASON));
        // a cancelled meeting frees its time
        f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, null, null, LocalDate.of(2026, 12, 17), "20:00", null, null, null, null, null, null,
                null));
    }

    @Test
    void documentsAreOnTimeLateOrMissingAndUnknownWithoutTheHandbook() {
        f.as(f.secretary(MeetingsFixture.CELL));
        Instant start = LocalDateTime.of(2026, 12, 15, 19, 30).atZone(org.sotay.core.testing.TestClock.VIETNAM).toInstant();
        f.handbook.publish("doc-early", MeetingsFixture.DISTRICT, start.minus(Duration.ofDays(2)));
        f.handbook.publish("doc-late", MeetingsFixture.CELL, start.minus(Duration.ofHours(3)));
        f.handbook.publish("doc-elsewhere", MeetingsFixture.OTHER_CELL, start.minus(Duration.ofDays(3)));
        Meeting m = f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, null, null, LocalDate.of(2026, 12, 15), "19:30", null, null, null, null,
                null, List.of(new AgendaItemDraft("Học tập", List.of("doc-early", "doc-late", "doc-elsewhere"))), null));
        assertEquals(List.of(Document.Timing.ON_TIME, Document.Timing.LATE, Document.Timing.MISSING),
                m.agenda().get(0).documents().stream().map(Document::timing).toList());
        Map<String, Object> e = TestPlatform.properties(f.p.deliverEvents().get(0));
        assertEquals(List.of(1, 1, 1, 0), List.of(e.get(MeetingEvents.DOCS_ON_TIME), e.get(MeetingEvents.DOCS_LATE), e.get(MeetingEvents.DOCS_MISSING),
                e.get(MeetingEvents.DOCS_UNKNOWN)).stream().map(x -> ((Number) x).intValue()).toList());
        assertEquals(2, f.meetings.packet(m.id()).documents().size(), "the packet holds the two documents the cell can read");
    }

    @Test
    void withoutTheHandbookDocumentsAreUnknownAndNothingBreaks() {
        f.close();
        f = new MeetingsFixture(false, Map.of());
        f.as(f.secretary(MeetingsFixture.CELL));
        Meeting m = f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, null, null, LocalDate.of(2026, 12, 15), "19:30", null, null, null, null,
                null, List.of(new AgendaItemDraft("Học tập", List.of("doc-1"))), null));
        assertEquals(Document.Timing.UNKNOWN, m.agenda().get(0).documents().get(0).timing());
        assertTrue(f.meetings.packet(m.id()).documents().isEmpty());
    }
}
