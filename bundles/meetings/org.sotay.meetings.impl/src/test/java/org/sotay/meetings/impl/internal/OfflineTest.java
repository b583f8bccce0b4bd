package org.sotay.meetings.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.api.SotayException;
import org.sotay.core.testing.TestClock;
import org.sotay.meetings.api.AttendanceState;
import org.sotay.meetings.api.Batch;
import org.sotay.meetings.api.BatchMark;
import org.sotay.meetings.api.BatchOutcome.Outcome;
import org.sotay.meetings.api.BatchResult;
import org.sotay.meetings.api.Choice;
import org.sotay.meetings.api.DecisionDraft;
import org.sotay.meetings.api.Mark;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingDraft;
import org.sotay.meetings.api.MinutesDraft;
import org.sotay.meetings.api.MinutesItemDraft;
import org.sotay.meetings.api.Roll;
import org.sotay.meetings.api.VoteDraft;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberStatus;

/** Offline batches: the same batch twice changes nothing; a conflicting one is answered with what was kept and why. */
class OfflineTest {
    private MeetingsFixture f;
    private Member an;
    private Member ba;
    private Member chi;
    private Meeting meeting;

    @BeforeEach
    void start() {
        f = new MeetingsFixture();
        an = f.registry.add("m-an", "Chẩu Văn An", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        ba = f.registry.add("m-ba", "Nông Văn Ba", MeetingsFixture.CELL, MemberStatus.OFFICIAL);
        chi = f.registry.add("m-chi", "Ma Thị Chi", MeetingsFixture.CELL, MemberStatus.PROBATIONARY);
        f.as(f.secretary(MeetingsFixture.CELL));
        meeting = f.meetings.create(new MeetingDraft(MeetingsFixture.CELL, null, null, LocalDate.of(2026, 12, 5), "19:30", null, null, null, null,
                null, null, null));
        f.at(LocalDateTime.of(2026, 12, 6, 7, 0)); // the next morning, back where there is signal
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static Instant at(int hour, int minute) {
        return LocalDateTime.of(2026, 12, 5, hour, minute).atZone(TestClock.VIETNAM).toInstant();
    }

    private Batch batch(String id) {
        return new Batch(id, List.of(new BatchMark("d1-1", an.id(), AttendanceState.PRESENT, null, at(19, 35)),
                new BatchMark("d1-2", ba.id(), AttendanceState.ABSENT_EXCUSED, "Đi viện", at(19, 36)),
                new BatchMark("d1-3", chi.id(), AttendanceState.PRESENT, null, at(19, 37))),
                new MinutesDraft(List.of(new MinutesItemDraft(null, "Thường kỳ", List.of(), "Thống nhất.", List.of(new DecisionDraft(null,
                        "Thông qua kế hoạch", List.of(new VoteDraft(an.id(), Choice.FOR)), null)))), null, null), "d1-minutes");
    }

    @Test
    void theSameBatchTwiceChangesNothing() {
        BatchResult first = f.offline.apply(meeting.id(), batch("batch-1"));
        assertFalse(first.replay());
        assertEquals(List.of(Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED),
                first.outcomes().stream().map(o -> o.outcome()).toList());
        assertNotNull(first.minutes());
        Roll after = f.attendance.roll(meeting.id());
        long audit = f.p.query("SELECT COUNT(*) FROM CORE_AUDIT", rs -> rs.getLong(1)).get(0);
        String rows = f.p.query("SELECT MEMBER_ID || STATE || COALESCE(REASON, '') || CAST(VERSION AS CHAR(10)) FROM MTG_ATTENDANCE ORDER BY MEMBER_ID",
                rs -> rs.getString(1)).toString();
        long minutesVersion = f.minutes.current(meeting.id()).version();

        BatchResult again = f.offline.apply(meeting.id(), batch("batch-1"));
        assertTrue(again.replay());
        assertEquals(first.outcomes(), again.outcomes(), "the same answer");
        assertEquals(after, f.attendance.roll(meeting.id()));
        assertEquals(rows, f.p.query("SELECT MEMBER_ID || STATE || COALESCE(REASON, '') || CAST(VERSION AS CHAR(10)) FROM MTG_ATTENDANCE ORDER BY MEMBER_ID",
                rs -> rs.getString(1)).toString(), "not one row touched");
        assertEquals(audit, f.p.query("SELECT COUNT(*) FROM CORE_AUDIT", rs -> rs.getLong(1)).get(0), "not even an audit line");
        assertEquals(minutesVersion, f.minutes.current(meeting.id()).version());

        // the same entries in another batch (the device resent them): each is recognised
        BatchResult resent = f.offline.apply(meeting.id(), batch("batch-2"));
        assertFalse(resent.replay());
        assertTrue(resent.outcomes().stream().allMatch(o -> o.outcome() == Outcome.UNCHANGED), resent.toString());
        assertEquals(minutesVersion, f.minutes.current(meeting.id()).version());
    }

    @Test
    void aConflictingBatchIsAnsweredWithWhatWasKeptAndWhy() {
        // online, at 19:50, the secretary marked Ba present after all
        f.attendance.mark(meeting.id(), List.of(new Mark(ba.id(), AttendanceState.PRESENT, null)));
        f.minutes.save(meeting.id(), new MinutesDraft(List.of(new MinutesItemDraft(null, "Trên máy chủ", List.of(), null, List.of())), null, null));
        BatchResult r = f.offline.apply(meeting.id(), new Batch("batch-x", List.of(new BatchMark("d2-1", ba.id(), AttendanceState.ABSENT, null,
                at(19, 36)), new BatchMark("d2-2", "m-nobody", AttendanceState.PRESENT, null, at(19, 36)),
                new BatchMark("d2-3", an.id(), AttendanceState.PRESENT, null, Instant.parse("2030-01-01T00:00:00Z"))),
                new MinutesDraft(List.of(new MinutesItemDraft(null, "Trên máy", List.of(), null, List.of())), null, null), "d2-minutes"));
        assertEquals(List.of(Outcome.KEPT_SERVER, Outcome.REFUSED, Outcome.REFUSED, Outcome.KEPT_SERVER),
                r.outcomes().stream().map(o -> o.outcome()).toList());
        assertEquals(AttendanceState.PRESENT, r.outcomes().get(0).kept().state(), "what was kept");
        assertTrue(r.outcomes().get(0).reasonEn().contains("later mark"), r.outcomes().get(0).reasonEn());
        assertTrue(r.outcomes().get(2).reasonEn().contains("clock"));
        assertTrue(r.outcomes().get(3).reasonEn().contains("server's draft is kept"));
        assertEquals("Trên máy chủ", f.minutes.current(meeting.id()).items().get(0).title());
        assertEquals(AttendanceState.PRESENT, f.attendance.roll(meeting.id()).entries().stream().filter(e -> e.memberId().equals(ba.id()))
                .findFirst().orElseThrow().state());
        // a vote that may not be cast refuses the whole batch, naming it, and writes nothing
        SotayException e = assertThrows(SotayException.class, () -> f.offline.apply(meeting.id(), new Batch("batch-y", List.of(new BatchMark("d3-1",
                an.id(), AttendanceState.ABSENT, null, at(19, 59))), new MinutesDraft(List.of(new MinutesItemDraft(null, "x", List.of(), null,
                        List.of(new DecisionDraft(null, "y", List.of(new VoteDraft(chi.id(), Choice.FOR)), null)))), null,
                        f.minutes.current(meeting.id()).version()), "d3-minutes")));
        assertEquals("minutes.items[0].decisions[0].votes[0].memberId", e.errors().get(0).field());
        assertEquals(AttendanceState.UNMARKED, f.attendance.roll(meeting.id()).entries().stream().filter(x -> x.memberId().equals(an.id()))
                .findFirst().orElseThrow().state(), "nothing of the refused batch was written");
        assertEquals(List.of(), f.p.query("SELECT CLIENT_ID FROM MTG_BATCH WHERE CLIENT_ID LIKE '%d3-%' OR CLIENT_ID = 'batch:batch-y'",
                rs -> rs.getString(1)));
    }
}
