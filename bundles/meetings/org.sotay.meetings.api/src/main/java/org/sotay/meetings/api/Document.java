package org.sotay.meetings.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/**
 * A handbook item linked as a meeting document: {@code ON_TIME} when its members could see it at
 * least the configured lead time (a day) before the start, {@code LATE} when later, {@code MISSING}
 * when they cannot see it, {@code UNKNOWN} when the handbook is not installed.
 */
public record Document(@Required String itemId, String title, @Required Timing timing, Instant visibleSince) {
    /** Whether a document reached the cell in time. */
    public enum Timing {
        ON_TIME, LATE, MISSING, UNKNOWN
    }
}
