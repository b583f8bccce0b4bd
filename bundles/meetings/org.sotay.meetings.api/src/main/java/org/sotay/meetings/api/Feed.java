package org.sotay.meetings.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/**
 * A private calendar feed. {@code path} (relative to the API's base, {@code /api}) holds the secret
 * token and is shown once, when the feed is made; whoever has it reads the feed, so revoke a feed
 * that leaked and make a new one.
 */
public record Feed(@Required String id, @Required FeedScope scope, String unitId, @Required Instant createdAt, Instant revokedAt,
        String path) {
}
