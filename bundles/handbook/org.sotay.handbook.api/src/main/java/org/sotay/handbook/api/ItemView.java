package org.sotay.handbook.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.sotay.core.api.Required;

/** A published item as a reader gets it: the sanitized HTML body and the attachments by reference. */
public record ItemView(@Required String id, @Required String kind, String categoryId, @Required String title, String summary,
        @Required String bodyHtml, @Required List<String> tags, String issuer, String documentNumber, LocalDate documentDate,
        boolean mandatory, LocalDate deadline, @Required Instant publishedAt, @Required Instant updatedAt, int edition,
        @Required List<AttachmentInfo> attachments, Instant readAt, boolean readOnBehalf, boolean bookmarked) {
}
