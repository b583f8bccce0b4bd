package org.sotay.meetings.impl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.MinutesState;

class LateTest {
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    private static Meeting meeting(String cell, String kind, LocalDate date, MeetingStatus status, MinutesState minutes, boolean onTime) {
        Instant start = date.atTime(19, 30).atZone(VN).toInstant();
        return new Meeting(cell + "-" + date, cell, kind, "Sinh hoạt", status, date, "19:30", start, start.plusSeconds(90 * 60), 90, 90, false, null,
                null, null, null, null, List.of(), null, onTime, false, null, minutes, start.minusSeconds(86400 * 20), "secretary", 0, 1);
    }

    private static String line(List<Late.Entry> entries) {
        return String.join(" ", entries.stream().map(e -> e.cellId() + ":" + e.kind()).sorted().toList());
    }

    @Test
    void eachCellIsLateForWhatItMissed() {
        YearMonth nov = YearMonth.of(2026, 11);
        List<String> cells = List.of("a", "b", "c", "d", "e", "f");
        List<Meeting> meetings = List.of(
                meeting("a", "REGULAR", LocalDate.of(2026, 11, 5), MeetingStatus.HELD, MinutesState.APPROVED, true), // nothing missing
                meeting("b", "REGULAR", LocalDate.of(2026, 11, 5), MeetingStatus.HELD, MinutesState.PAPER, false), // registered late only
                meeting("c", "REGULAR", LocalDate.of(2026, 11, 10), MeetingStatus.SCHEDULED, MinutesState.NONE, true), // never recorded
                meeting("d", "THEMATIC", LocalDate.of(2026, 11, 29), MeetingStatus.HELD, MinutesState.DRAFT, true), // within the 3 days
                meeting("e", "EXTRAORDINARY", LocalDate.of(2026, 11, 12), MeetingStatus.CANCELLED, MinutesState.NONE, true)); // not a monthly meeting
        Instant now = LocalDate.of(2026, 12, 2).atTime(10, 0).atZone(VN).toInstant();
        List<Late.Entry> late = Late.of(cells, meetings, nov, LocalDate.of(2026, 10, 20), LocalDate.of(2026, 12, 2), now, Duration.ofDays(3));
        assertEquals("b:REGISTERED_LATE c:ATTENDANCE_MISSING c:MINUTES_MISSING e:NOT_REGISTERED f:NOT_REGISTERED", line(late));

        // before the deadline, a cell with nothing registered is not late yet; five days on, d's draft minutes are
        assertEquals("", line(Late.of(List.of("f"), List.of(), YearMonth.of(2026, 12), LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 19), now,
                Duration.ofDays(3))));
        Instant later = LocalDate.of(2026, 12, 4).atTime(10, 0).atZone(VN).toInstant();
        assertEquals("d:MINUTES_MISSING", line(Late.of(List.of("d"), meetings, nov, LocalDate.of(2026, 10, 20), LocalDate.of(2026, 12, 4), later,
                Duration.ofDays(3))));
    }
}
