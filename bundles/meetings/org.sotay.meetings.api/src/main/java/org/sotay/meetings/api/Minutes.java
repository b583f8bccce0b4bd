package org.sotay.meetings.api;

import java.time.Instant;
import java.util.List;

import org.sotay.core.api.Required;

/**
 * A version of a meeting's minutes ({@code number} 1, 2, ...): structured items with decisions and
 * their computed outcomes, the roll as it stood when the version was saved. A correction of approved
 * minutes is a new version; the old one stays readable ({@code SUPERSEDED}).
 */
public record Minutes(@Required String meetingId, int number, @Required MinutesStatus status, @Required List<MinutesItem> items, String notes,
        String correctionReason, @Required Instant savedAt, @Required String savedBy, Instant approvedAt, String approvedBy, long version) {
}
