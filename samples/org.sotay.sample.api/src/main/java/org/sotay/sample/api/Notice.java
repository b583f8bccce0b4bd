package org.sotay.sample.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/** A published notice. {@code version} changes on every update: send it back to update. */
public record Notice(@Required String id, @Required String title, @Required String body, @Required Instant publishedAt,
        @Required String publishedBy, long version) {
}
