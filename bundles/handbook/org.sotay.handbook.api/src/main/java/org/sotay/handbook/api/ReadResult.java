package org.sotay.handbook.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/**
 * A recorded read: {@code recorded} false when it was already there (the first read stands: a resend
 * changes nothing). {@code status} in a batch: {@code recorded}, {@code duplicate} or {@code not-found}.
 */
public record ReadResult(@Required String itemId, @Required String status, boolean recorded, Instant readAt, boolean onBehalf,
        String clientId) {
}
