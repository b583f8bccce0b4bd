package org.sotay.sample.api;

import java.time.Instant;

/** A published notice. {@code version} changes on every update: send it back to update. */
public record Notice(String id, String title, String body, Instant publishedAt, String publishedBy, long version) {
}
