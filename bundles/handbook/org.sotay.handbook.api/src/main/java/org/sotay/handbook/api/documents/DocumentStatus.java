package org.sotay.handbook.api.documents;

import java.time.Instant;

/**
 * An item as a unit's members see it: {@code visibleSince} is when it became (or, when
 * {@code scheduled}, will become) visible to them: its publication, or the later time it was
 * addressed to that unit. The meetings module compares it with a meeting's start.
 */
public record DocumentStatus(String itemId, String title, String kind, Instant visibleSince, boolean scheduled) {
}
