package org.sotay.meetings.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/** An attendance mark made offline: the client's own id for it ({@code clientId}, unique per device) and when it was made on the device. */
public record BatchMark(@Required String clientId, @Required String memberId, @Required AttendanceState state, String reason,
        @Required Instant at) {
}
