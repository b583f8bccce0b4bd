package org.sotay.meetings.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.sotay.core.api.SotayException;
import org.sotay.core.testing.TestPlatform;
import org.sotay.meetings.api.AttendanceState;
import org.sotay.meetings.api.CheckIn;
import org.sotay.meetings.api.Counts;
import org.sotay.meetings.api.MarkSource;
import org.sotay.meetings.api.Mark;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingDraft;
import org.sotay.meetings.api.MeetingEvents;
import org.sotay.meetings.api.QrCode;
import org.sotay.meetings.api.Roll;
import org.sotay.meetings.api.RollEntry;
import org.sotay.meetings.api.Standing;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberStatus;

/** Check-in by code and signed QR within the window, the secretary's marks, and the roll computed from them. */
class AttendanceTest {
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
        ba = f.registry.add("m-ba", "Nông Văn Ba", MeetingsFixture.CELL, MemberStatus.OFFICIAL); // elderly, no phone
        chi = f.registry.add("m-chi", "Ma Thị Chi", MeetingsFixture.CELL, MemberStatus.PROBATIONARY);
        dung = f.registry.add("m-dung", "Hà Văn Dũng", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        em = f.registry.add("m-em", "Triệu Thị Em", MeetingsFixture.CELL, MemberStatus.EXEMPT);
        giang = f.registry.add("m-giang", "Lục Văn Giang", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        f.registry.away(giang.id(), MeetingsFixture.OTHER_CELL, LocalDate.of(2026, 10, 1), LocalDate.of(2027, 4, 1));
        f.registry.add("m-other", "Hoàng Văn Cường", MeetingsFixture.OTHER_CELL, MemberStatus.OFFICIAL);
        f.as(f.secretary(MeetingsFixture.CELL));
        meeting = f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, null, null, LocalDate.of(2026, 12, 5), "19:30", null, null, null, null,
                null, null, null));
        f.p.deliverEvents();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void membersCheckInWithTheCodeInTheWindowAndTheSecretaryMarksTheRest() {
        f.as(f.member(an));
        SotayException early = assertThrows(SotayException.class, () -> f.attendance.checkIn(new CheckIn(meeting.checkInCode(), null)));
        assertEquals("meetings.check-in-closed", early.type().slug());
        f.at(LocalDateTime.of(2026, 12, 5, 19, 25));
        assertEquals(404, assertThrows(SotayException.class, () -> f.attendance.checkIn(new CheckIn("ZZZZZZ", null))).type().status());
        RollEntry mine = f.attendance.checkIn(new CheckIn(meeting.checkInCode().toLowerCase(), null));
        assertEquals(AttendanceState.PRESENT, mine.state());
        assertEquals(MarkSource.SELF, mine.source());
        assertEquals(an.id(), mine.memberId(), "keyed by the member behind the account");
        assertEquals(mine, f.attendance.checkIn(new CheckIn(meeting.checkInCode(), null)), "twice is once");

        // a member of another cell who learned the code: nothing
        f.as(f.member(f.registry.members.get("m-other")));
        assertEquals(404, assertThrows(SotayException.class, () -> f.attendance.checkIn(new CheckIn(meeting.checkInCode(), null))).type().status());
        // a staff account is no member
        f.as(f.secretary(MeetingsFixture.CELL));
        assertEquals(404, assertThrows(SotayException.class, () -> f.attendance.checkIn(new CheckIn(meeting.checkInCode(), null))).type().status());

        Roll roll = f.attendance.mark(meeting.id(), List.of(new Mark(ba.id(), AttendanceState.PRESENT, null),
                new Mark(dung.id(), AttendanceState.ABSENT_EXCUSED, "Ốm, đã báo chi bộ"), new Mark(chi.id(), AttendanceState.PRESENT, null)));
        assertEquals(new Counts(6, 5, 1, 0), roll.members(), "an, ba, dung, giang and exempt em official; chi probationary");
        assertEquals(1, roll.exempt());
        assertEquals(1, roll.away());
        assertEquals(new Counts(3, 2, 1, 0), roll.present());
        assertEquals(1, roll.absentExcused());
        assertEquals(List.of("Hà Văn Dũng"), roll.absentWithReason().stream().map(RollEntry::fullName).toList());
        assertEquals("Ốm, đã báo chi bộ", roll.absentWithReason().get(0).reason());
        assertEquals(0, roll.absentUnexcused());
        assertEquals(0, roll.unmarked(), "exempt and away members are not expected");
        assertEquals(3, roll.markedBySecretary());
        assertEquals(1, roll.selfCheckIns());
        assertEquals(Standing.AWAY, roll.entries().stream().filter(x -> x.memberId().equals(giang.id())).findFirst().orElseThrow().standing());
        assertEquals(List.of("Chẩu Văn An", "Nông Văn Ba", "Ma Thị Chi", "Hà Văn Dũng", "Triệu Thị Em", "Lục Văn Giang"),
                roll.entries().stream().map(RollEntry::fullName).toList(), "Vietnamese order: by given name");

        SotayException bad = assertThrows(SotayException.class, () -> f.attendance.mark(meeting.id(), List.of(new Mark(dung.id(),
                AttendanceState.ABSENT_EXCUSED, " "), new Mark("m-other", AttendanceState.PRESENT, null))));
        assertEquals(List.of("marks[0].reason:required"), bad.errors().stream().map(x -> x.field() + ":" + x.code()).toList());
        SotayException stranger = assertThrows(SotayException.class, () -> f.attendance.mark(meeting.id(), List.of(new Mark("m-other",
                AttendanceState.PRESENT, null))));
        assertEquals("marks[0].memberId", stranger.errors().get(0).field());
        assertEquals(3, f.attendance.roll(meeting.id()).present().total(), "a refused call changed nothing");

        f.at(LocalDateTime.of(2026, 12, 5, 21, 0));
        Roll held = f.attendance.recordHeld(meeting.id());
        f.attendance.recordHeld(meeting.id());
        List<Event> events = f.p.deliverEvents();
        assertEquals(List.of(MeetingEvents.HELD), events.stream().map(Event::getTopic).toList(), "held once");
        Map<String, Object> e = TestPlatform.properties(events.get(0));
        assertEquals(2, ((Number) e.get(MeetingEvents.PRESENT_OFFICIAL)).intValue());
        assertEquals(1, ((Number) e.get(MeetingEvents.PRESENT_PROBATIONARY)).intValue());
        assertEquals(3, ((Number) e.get(MeetingEvents.MARKED_BY_SECRETARY)).intValue());
        assertEquals(1, ((Number) e.get(MeetingEvents.SELF_CHECK_INS)).intValue());
        assertEquals(held.members().total(), ((Number) e.get(MeetingEvents.MEMBERS)).intValue());
    }

    @Test
    void theQrPayloadIsSignedAndValidOnlyInItsWindow() {
        QrCode qr = f.attendance.qr(meeting.id());
        f.at(LocalDateTime.of(2026, 12, 5, 19, 40));
        f.as(f.member(an));
        String forged = qr.payload().substring(0, qr.payload().lastIndexOf('.') + 1) + "AAAA";
        assertEquals(404, assertThrows(SotayException.class, () -> f.attendance.checkIn(new CheckIn(null, forged))).type().status());
        String[] parts = qr.payload().split("\\.");
        String extended = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86_400_000L) + "." + parts[3];
        assertEquals(404, assertThrows(SotayException.class, () -> f.attendance.checkIn(new CheckIn(null, extended))).type().status());
        assertEquals(AttendanceState.PRESENT, f.attendance.checkIn(new CheckIn(null, qr.payload())).state());
        f.at(LocalDateTime.of(2026, 12, 5, 23, 5));
        f.as(f.member(ba));
        assertEquals(404, assertThrows(SotayException.class, () -> f.attendance.checkIn(new CheckIn(null, qr.payload()))).type().status(),
                "after its window a payload is worth nothing");
        assertEquals(List.of("code:required"), assertThrows(SotayException.class, () -> f.attendance.checkIn(new CheckIn(" ", null))).errors().stream()
                .map(x -> x.field() + ":" + x.code()).toList());
    }

    @Test
    void presentOnlyOnceTheMeetingOpensButExcusedAbsencesAnyTime() {
        assertEquals("meetings.not-started", assertThrows(SotayException.class, () -> f.attendance.mark(meeting.id(), List.of(new Mark(an.id(),
                AttendanceState.PRESENT, null)))).type().slug());
        assertEquals(1, f.attendance.mark(meeting.id(), List.of(new Mark(an.id(), AttendanceState.ABSENT_EXCUSED, "Đi công tác"))).absentExcused());
        assertEquals("meetings.not-started", assertThrows(SotayException.class, () -> f.attendance.recordHeld(meeting.id())).type().slug());
    }
}
