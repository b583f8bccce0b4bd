package org.sotay.handbook.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/** A previous edition of a published item, kept when it was edited. */
public record ItemVersion(@Required String itemId, int edition, @Required String title, String summary, @Required String body,
        @Required String bodyHtml, @Required Instant savedAt, @Required String savedBy) {
}
