package org.sotay.meetings.api;

import java.time.DayOfWeek;
import java.util.List;

import org.sotay.core.api.Required;

/**
 * A pattern as sent: either {@code dayOfMonth} (1 to 31; a shorter month takes its last day) or
 * {@code weekOfMonth} (1 to 4, or -1 for the last) with {@code weekday}; {@code time} as {@code HH:mm}
 * in the deployment's zone. {@code version} is required to change an existing pattern.
 */
public record PatternDraft(Integer dayOfMonth, Integer weekOfMonth, DayOfWeek weekday, @Required String time, Integer durationMinutes,
        String kindCode, String venueId, String chairId, String minuteTakerId, List<String> agenda, Long version) {
}
