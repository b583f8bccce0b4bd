package org.sotay.meetings.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/** The photo or PDF of a meeting's signed paper minutes. */
public record PaperMinutes(@Required String meetingId, @Required String mediaType, long size, @Required String sha256,
        @Required Instant uploadedAt, @Required String uploadedBy) {
}
