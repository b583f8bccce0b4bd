package org.sotay.meetings.impl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.SotayException;
import org.sotay.meetings.api.AttendanceState;
import org.sotay.meetings.api.Choice;
import org.sotay.meetings.api.Decision;
import org.sotay.meetings.api.DecisionDraft;
import org.sotay.meetings.api.Mark;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingDraft;
import org.sotay.meetings.api.MeetingEvents;
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.Minutes;
import org.sotay.meetings.api.MinutesDraft;
import org.sotay.meetings.api.MinutesItemDraft;
import org.sotay.meetings.api.MinutesState;
import org.sotay.meetings.api.MinutesStatus;
import org.sotay.meetings.api.PaperMinutes;
import org.sotay.meetings.api.Tally;
import org.sotay.meetings.api.VoteDraft;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberStatus;

/** Minutes: eligibility and the denominator computed, approval locks, a correction is a new version; paper minutes. */
class MinutesTest {
    private MeetingsFixture f;
    private Member an;
    private Member ba;
    private Member chi;
    private Member dung;
    private Member em;
    private Member giang;
    private Meeting meeting;

    @BeforeEach
    void start() {
        f = new MeetingsFixture();
        an = f.registry.add("m-an", "Chẩu Văn An", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        ba = f.registry.add("m-ba", "Nông Văn Ba", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        chi = f.registry.add("m-chi", "Ma Thị Chi", MeetingsFixture.CELL, MemberStatus.PROBATIONARY);
        dung = f.registry.add("m-dung", "Hà Văn Dũng", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        em = f.registry.add("m-em", "Triệu Thị Em", MeetingsFixture.CELL, MemberStatus.EXEMPT);
        giang = f.registry.add("m-giang", "Lục Văn Giang", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        f.registry.add("m-hoa", "Đinh Thị Hoa", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        f.registry.away(giang.id(), MeetingsFixture.OTHER_CELL, LocalDate.of(2026, 10, 1), LocalDate.of(2027, 4, 1));
        f.as(f.secretary(MeetingsFixture.CELL));
        meeting = f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, null, null, LocalDate.of(2026, 12, 5), "19:30", null, null, null, null,
                null, null, null));
        f.p.deliverEvents();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static MinutesDraft draft(Long version, DecisionDraft decision) {
        return new MinutesDraft(List.of(new MinutesItemDraft(null, "Kết nạp đảng viên", List.of("Chẩu Văn An", "Nông Văn Ba"),
                "Chi bộ thống nhất đề nghị.", List.of(decision))), "Đọc lại biên bản, không ý kiến khác.", version);
    }

    @Test
    void votesAreCheckedTheOutcomeComputedAndApprovedMinutesLock() {
        assertEquals("meetings.not-started", assertThrows(SotayException.class, () -> f.minutes.save(meeting.id(), draft(null,
                new DecisionDraft(null, "Thông qua", null, null)))).type().slug(), "no minutes before the start");
        f.at(LocalDateTime.of(2026, 12, 5, 20, 0));
        f.attendance.mark(meeting.id(), List.of(new Mark(an.id(), AttendanceState.PRESENT, null), new Mark(ba.id(), AttendanceState.PRESENT, null),
                new Mark(chi.id(), AttendanceState.PRESENT, null), new Mark(dung.id(), AttendanceState.ABSENT_EXCUSED, "Ốm"),
                new Mark("m-hoa", AttendanceState.ABSENT, null)));
        // the probationary member's vote is refused, naming the vote
        SotayException refused = assertThrows(SotayException.class, () -> f.minutes.save(meeting.id(), draft(null, new DecisionDraft(null, "Thông qua",
                List.of(new VoteDraft(an.id(), Choice.FOR), new VoteDraft(chi.id(), Choice.FOR)), null))));
        assertEquals("items[0].decisions[0].votes[1].memberId", refused.errors().get(0).field());
        assertEquals("not-eligible", refused.errors().get(0).code());
        assertEquals("not-present", assertThrows(SotayException.class, () -> f.minutes.save(meeting.id(), draft(null, new DecisionDraft(null, "x",
                List.of(new VoteDraft("m-hoa", Choice.FOR)), null)))).errors().get(0).code());
        assertEquals("more-than-voters", assertThrows(SotayException.class, () -> f.minutes.save(meeting.id(), draft(null, new DecisionDraft(null, "x",
                null, new Tally(3, 0, 0))))).errors().get(0).code(), "two official members are present");

        Minutes saved = f.minutes.save(meeting.id(), draft(null, new DecisionDraft(null, "Đề nghị kết nạp quần chúng Ma Văn Khải",
                List.of(new VoteDraft(an.id(), Choice.FOR), new VoteDraft(ba.id(), Choice.FOR)), null)));
        Decision d = saved.items().get(0).decisions().get(0);
        // official: an, ba, dung (excused: out), em (exempt and absent: out), giang (away: out), hoa (absent without reason: in)
        assertEquals(3, d.eligible(), "an, ba and hoa");
        assertEquals(2, d.eligiblePresent());
        assertEquals(new Tally(2, 0, 0), d.tally());
        assertTrue(d.passed(), "2 of 3: more than half");
        assertEquals(List.of("Chẩu Văn An", "Nông Văn Ba"), d.votes().stream().map(v -> v.fullName()).toList());
        assertEquals(MinutesStatus.DRAFT, saved.status());
        assertEquals(MinutesState.DRAFT, f.meetings.get(meeting.id()).minutes());

        // saved again with a show of hands instead of named votes
        Minutes resaved = f.minutes.save(meeting.id(), draft(saved.version(), new DecisionDraft(d.id(), "Đề nghị kết nạp quần chúng Ma Văn Khải",
                null, new Tally(1, 1, 0))));
        assertFalse(resaved.items().get(0).decisions().get(0).passed(), "1 of 3 is not more than half");
        assertEquals(d.id(), resaved.items().get(0).decisions().get(0).id(), "the decision keeps its id");

        Minutes approved = f.minutes.approve(meeting.id(), resaved.version());
        assertEquals(MinutesStatus.APPROVED, approved.status());
        List<Event> events = f.p.deliverEvents();
        assertEquals(List.of(MeetingEvents.HELD, MeetingEvents.MINUTES_APPROVED), events.stream().map(Event::getTopic).sorted().toList(),
                "approving minutes of a meeting whose roll was not closed records it held too");
        Event approval = events.stream().filter(e -> e.getTopic().equals(MeetingEvents.MINUTES_APPROVED)).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, approval.getProperty(MeetingEvents.MINUTES_APPROVED_FLAG));
        assertEquals(1, ((Number) approval.getProperty(MeetingEvents.ABSENT_EXCUSED)).intValue());
        assertEquals(MeetingStatus.HELD, f.meetings.get(meeting.id()).status());

        // an edit after approval is refused; the roll is locked too
        assertEquals("meetings.minutes-locked", assertThrows(SotayException.class, () -> f.minutes.save(meeting.id(), draft(approved.version(),
                new DecisionDraft(null, "Sửa", null, null)))).type().slug());
        assertEquals("meetings.minutes-locked", assertThrows(SotayException.class, () -> f.attendance.mark(meeting.id(), List.of(new Mark("m-hoa",
                AttendanceState.PRESENT, null)))).type().slug());

        // a correction is a new version, and the old one stays readable
        Minutes correction = f.minutes.correct(meeting.id(), "Ghi nhầm số phiếu");
        assertEquals(2, correction.number());
        assertEquals(MinutesStatus.DRAFT, correction.status());
        Minutes fixed = f.minutes.save(meeting.id(), draft(correction.version(), new DecisionDraft(d.id(), "Đề nghị kết nạp quần chúng Ma Văn Khải",
                null, new Tally(2, 0, 0))));
        f.minutes.approve(meeting.id(), fixed.version());
        List<Minutes> versions = f.minutes.versions(meeting.id());
        assertEquals(List.of(MinutesStatus.SUPERSEDED, MinutesStatus.APPROVED), versions.stream().map(Minutes::status).toList());
        assertFalse(f.minutes.version(meeting.id(), 1).items().get(0).decisions().get(0).passed(), "version 1 reads as it was");
        assertTrue(f.minutes.current(meeting.id()).items().get(0).decisions().get(0).passed());
        assertEquals("Ghi nhầm số phiếu", f.minutes.version(meeting.id(), 2).correctionReason());
        assertEquals(List.of(MeetingEvents.MINUTES_APPROVED), f.p.deliverEvents().stream().map(Event::getTopic).toList(), "HELD only once");
    }

    @Test
    void theDenominatorRuleIsConfiguration() {
        f.close();
        f = new MeetingsFixture(true, Map.of("denominatorExcludes", new String[] { "away" }));
        Member a = f.registry.add("m-a", "Nguyễn Văn A", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        Member b = f.registry.add("m-b", "Nguyễn Văn B", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        Member c = f.registry.add("m-c", "Nguyễn Văn C", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        f.as(f.secretary(MeetingsFixture.CELL));
        Meeting m = f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, null, null, LocalDate.of(2026, 11, 28), "19:30", null, null, null, null,
                null, null, null));
        f.attendance.mark(m.id(), List.of(new Mark(a.id(), AttendanceState.PRESENT, null), new Mark(b.id(), AttendanceState.PRESENT, null),
                new Mark(c.id(), AttendanceState.ABSENT_EXCUSED, "Ốm")));
        Decision d = f.minutes.save(m.id(), draft(null, new DecisionDraft(null, "x", null, new Tally(1, 0, 1)))).items().get(0).decisions().get(0);
        assertEquals(3, d.eligible(), "an excused absence stays in the denominator under this rule");
        assertFalse(d.passed());
    }

    @Test
    void paperMinutesMarkTheMeetingHeldAndOnlyDocumentsAreTaken() {
        byte[] pdf = "%PDF-1.4\n% biên bản đã ký\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("meetings.not-started", assertThrows(SotayException.class, () -> f.minutes.uploadPaper(meeting.id(), "application/pdf",
                new ByteArrayInputStream(pdf))).type().slug());
        f.at(LocalDateTime.of(2026, 12, 6, 9, 0));
        assertEquals(415, assertThrows(SotayException.class, () -> f.minutes.uploadPaper(meeting.id(), "application/pdf",
                new ByteArrayInputStream("<html>".getBytes(StandardCharsets.UTF_8)))).type().status());
        assertEquals(0L, f.p.query("SELECT COUNT(*) FROM CORE_BLOB", rs -> rs.getLong(1)).get(0), "nothing kept of a refused file");
        PaperMinutes paper = f.minutes.uploadPaper(meeting.id(), "application/octet-stream", new ByteArrayInputStream(pdf));
        assertEquals("application/pdf", paper.mediaType(), "the type comes from the bytes");
        assertEquals(pdf.length, paper.size());
        assertArrayEquals(pdf, assertDoesNotThrow(() -> f.minutes.openPaper(meeting.id()).readAllBytes()));
        Meeting held = f.meetings.get(meeting.id());
        assertEquals(MeetingStatus.HELD, held.status());
        assertEquals(MinutesState.PAPER, held.minutes());
        List<Event> events = f.p.deliverEvents();
        assertEquals(List.of(MeetingEvents.HELD, MeetingEvents.RECORDED_ON_PAPER), events.stream().map(Event::getTopic).sorted().toList());
        assertTrue(events.stream().allMatch(e -> Boolean.TRUE.equals(e.getProperty(MeetingEvents.PAPER))));
        // a second photo replaces the first
        f.minutes.uploadPaper(meeting.id(), "image/jpeg", new ByteArrayInputStream(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3 }));
        assertEquals(1L, f.p.query("SELECT COUNT(*) FROM CORE_BLOB", rs -> rs.getLong(1)).get(0));
        f.as(f.member(an));
        assertEquals("image/jpeg", f.minutes.paper(meeting.id()).mediaType(), "members of the cell read it");
        assertEquals(404, assertThrows(SotayException.class, () -> f.minutes.uploadPaper(meeting.id(), "image/jpeg",
                new ByteArrayInputStream(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }))).type().status(), "not theirs to change: 404");
    }

    private static <T> T assertDoesNotThrow(java.util.concurrent.Callable<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
