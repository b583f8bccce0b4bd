package org.sotay.sample.api;

import java.time.Instant;

/**
 * A published notice, addressed to a unit: it is read by those who hold
 * {@link SamplePermissions#READ} over that unit. {@code version} changes on every update: send it
 * back to update.
 */
public record Notice(String id, String unitId, String title, String body, Instant publishedAt, String publishedBy, long version) {
}
