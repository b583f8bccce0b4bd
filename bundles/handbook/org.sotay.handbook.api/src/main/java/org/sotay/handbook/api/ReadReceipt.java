package org.sotay.handbook.api;

import java.time.Instant;

/**
 * A member's own read, as an (offline) client sends it: {@code clientId} (the client's own id of this
 * receipt, up to 64 characters) makes a resend harmless; {@code readAt} is the client's time (a time in the
 * future counts as now, one before the publication as the publication). {@code itemId} only in a batch.
 */
public record ReadReceipt(String itemId, String clientId, Instant readAt) {
}
