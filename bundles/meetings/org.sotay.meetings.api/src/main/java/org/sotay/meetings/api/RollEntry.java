package org.sotay.meetings.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/** One member on a meeting's roll, by name, with their attendance. */
public record RollEntry(@Required String memberId, @Required String fullName, @Required MemberCategory category, @Required Standing standing,
        @Required AttendanceState state, String reason, MarkSource source, Instant markedAt, String markedBy) {
}
