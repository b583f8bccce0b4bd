package org.sotay.meetings.api;

import java.time.DayOfWeek;
import java.util.List;

import org.sotay.core.api.Required;

/**
 * A cell's regular pattern, set once: "monthly on the 5th at 19:30" ({@code dayOfMonth} 5) or "the
 * first Saturday" ({@code weekOfMonth} 1, {@code weekday} SATURDAY; {@code -1} is the last), at a
 * venue, with the agenda skeleton, chair and minute taker the proposals start from.
 */
public record MeetingPattern(@Required String unitId, Integer dayOfMonth, Integer weekOfMonth, DayOfWeek weekday, @Required String time,
        int durationMinutes, @Required String kindCode, String venueId, String chairId, String minuteTakerId, @Required List<String> agenda,
        @Required String description, long version) {
}
