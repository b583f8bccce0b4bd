package org.sotay.handbook.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.sotay.core.api.Required;

/**
 * An item as its editors see it: the Markdown and the HTML served to readers, status, audience, and
 * {@code edition} (1 at the first publication, one more at every edit of a published item; 0 for a draft
 * never published).
 */
public record Item(@Required String id, @Required String kind, String categoryId, @Required String title, String summary, @Required String body,
        @Required String bodyHtml, @Required List<String> tags, String issuer, String documentNumber, LocalDate documentDate,
        @Required ItemStatus status, @Required String ownerUnitId, @Required Audience audience, boolean mandatory, LocalDate deadline,
        Instant publishAt, Instant publishedAt, Instant withdrawnAt, @Required Instant createdAt, @Required Instant updatedAt, int edition,
        @Required List<AttachmentInfo> attachments, long version) {
}
