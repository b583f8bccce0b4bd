package org.sotay.meetings.api;

import java.time.LocalDate;

import org.sotay.core.api.Required;

/**
 * The meeting Sotay proposes for a cell's month, pre-filled from its pattern and its last meeting
 * (venue, agenda skeleton, chair, minute taker). {@code basis} says where it came from: {@code pattern},
 * {@code last-meeting} or {@code defaults}. {@code existingMeetingId} is set when the month already has a
 * meeting. {@code deadline} is the day by which the month's meeting should be registered.
 */
public record Proposal(@Required String unitId, @Required String month, @Required MeetingDraft draft, @Required String basis,
        String existingMeetingId, @Required LocalDate deadline, boolean pastDeadline) {
}
