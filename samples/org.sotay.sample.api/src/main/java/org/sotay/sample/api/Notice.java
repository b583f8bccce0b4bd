package org.sotay.sample.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/**
 * A published notice, addressed to a unit: it is read by those who hold
 * {@link SamplePermissions#READ} over that unit. {@code version} changes on every update: send it
 * back to update.
 */
public record Notice(@Required String id, @Required String unitId, @Required String title, @Required String body,
        @Required Instant publishedAt, @Required String publishedBy, long version) {
}
