package org.sotay.notify.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/** A message's delivery through a channel: pending (retried with back-off), sent, or failed for good. */
public record Delivery(@Required String id, @Required String messageId, @Required String kind, @Required String channel, @Required State state,
        int attempts, String lastError, Instant nextAttemptAt, @Required Instant createdAt, Instant sentAt) {
    public enum State {
        PENDING, SENT, FAILED
    }
}
