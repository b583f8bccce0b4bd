package org.sotay.meetings.impl.commands;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sotay.meetings.api.Meeting;
import org.sotay.meetings.api.MeetingStatus;
import org.sotay.meetings.api.MinutesState;

/**
 * Which cells are late for a month's meeting: registration (no regular or thematic meeting registered
 * once the deadline passed, or one registered after it), attendance (the meeting ended {@code grace}
 * ago and was never recorded as held), minutes (held that long ago, with no approved or paper minutes).
 */
final class Late {
    enum Kind {
        NOT_REGISTERED("chưa đăng ký lịch", "not registered"), REGISTERED_LATE("đăng ký muộn", "registered late"),
        ATTENDANCE_MISSING("chưa điểm danh", "attendance missing"), MINUTES_MISSING("chưa có biên bản", "minutes missing");

        final String vi;
        final String en;

        Kind(String vi, String en) {
            this.vi = vi;
            this.en = en;
        }
    }

    record Entry(String cellId, Kind kind, Meeting meeting) {
    }

    private Late() {
    }

    /** {@code cells}: the open cells of the subtree; {@code meetings}: the subtree's meetings of {@code month}. */
    static List<Entry> of(List<String> cells, List<Meeting> meetings, YearMonth month, LocalDate deadline, LocalDate today, Instant now,
            Duration grace) {
        Map<String, Meeting> regular = new HashMap<>();
        for (Meeting m : meetings) {
            if (m.status() != MeetingStatus.CANCELLED && ("REGULAR".equals(m.kindCode()) || "THEMATIC".equals(m.kindCode()))) {
                regular.merge(m.unitId(), m, (a, b) -> a.start().isBefore(b.start()) ? a : b);
            }
        }
        List<Entry> out = new ArrayList<>();
        for (String cell : cells) {
            Meeting m = regular.get(cell);
            if (m == null) {
                if (today.isAfter(deadline)) {
                    out.add(new Entry(cell, Kind.NOT_REGISTERED, null));
                }
                continue;
            }
            if (!m.registeredBeforeDeadline()) {
                out.add(new Entry(cell, Kind.REGISTERED_LATE, m));
            }
        }
        for (Meeting m : meetings) {
            if (m.status() == MeetingStatus.CANCELLED || !m.end().plus(grace).isBefore(now) || !cells.contains(m.unitId())) {
                continue;
            }
            if (m.status() == MeetingStatus.SCHEDULED) {
                out.add(new Entry(m.unitId(), Kind.ATTENDANCE_MISSING, m));
            }
            if (m.minutes() == MinutesState.NONE || m.minutes() == MinutesState.DRAFT) {
                out.add(new Entry(m.unitId(), Kind.MINUTES_MISSING, m));
            }
        }
        return out;
    }
}
