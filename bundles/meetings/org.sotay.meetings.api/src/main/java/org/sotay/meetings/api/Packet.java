package org.sotay.meetings.api;

import java.time.Instant;
import java.util.List;

import org.sotay.core.api.Required;

/**
 * Everything a secretary needs to hold a meeting without signal, in one download: the meeting with
 * its agenda, the documents' content as the cell's members see it (empty when the handbook is not
 * installed) and the roster.
 */
public record Packet(@Required Meeting meeting, @Required List<Content> documents, @Required List<RollEntry> roster) {

    /** A document's current published version, as the handbook serves it (sanitized HTML). */
    public record Content(@Required String itemId, @Required String title, String kind, String summary, String bodyHtml, Instant publishedAt,
            long version, @Required List<Attachment> attachments) {
    }

    /** An attachment by reference: {@code href} is the API path to download it (with Range and ETag). */
    public record Attachment(@Required String id, @Required String fileName, String mediaType, long size, String sha256, @Required String href) {
    }
}
