package org.sotay.meetings.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.sotay.core.api.Required;

/**
 * A meeting of a cell (or a committee). {@code date} and {@code time} are local to the deployment's
 * zone (Vietnam); {@code start} and {@code end} are the same instants in UTC. {@code tooShort} flags a
 * meeting shorter than its kind's minimum; {@code registeredBeforeDeadline} whether it was registered
 * by the cell's deadline for its month; {@code recordedLate} a meeting registered only after it started.
 * {@code checkInCode} is shown to those who manage the meeting only. {@code sequence} is the iCalendar
 * SEQUENCE (it grows when the meeting moves or is cancelled).
 */
public record Meeting(@Required String id, @Required String unitId, @Required String kindCode, @Required String title,
        @Required MeetingStatus status, @Required LocalDate date, @Required String time, @Required Instant start, @Required Instant end,
        int durationMinutes, int minimumMinutes, boolean tooShort, String venueId, String venueName, Boolean venueInternet, String chairId,
        String minuteTakerId, @Required List<AgendaItem> agenda, String checkInCode, boolean registeredBeforeDeadline, boolean recordedLate,
        String cancelReason, @Required MinutesState minutes, @Required Instant registeredAt, @Required String registeredBy, int sequence,
        long version) {
}
