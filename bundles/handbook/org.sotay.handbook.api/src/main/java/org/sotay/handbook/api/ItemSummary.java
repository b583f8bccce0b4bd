package org.sotay.handbook.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.sotay.core.api.Required;

/** An item in a reader's list: what a phone shows before the body is asked for. {@code readAt} is the caller's own read. */
public record ItemSummary(@Required String id, @Required String kind, String categoryId, @Required String title, String summary,
        @Required List<String> tags, String issuer, String documentNumber, LocalDate documentDate, boolean mandatory, LocalDate deadline,
        @Required Instant publishedAt, @Required Instant updatedAt, int edition, int attachments, Instant readAt) {
}
