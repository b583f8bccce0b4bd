package org.sotay.handbook.api.documents;

import java.time.Instant;
import java.util.List;

/**
 * An item's current published version for a packet: the sanitized HTML the handbook serves, and its
 * attachments by reference ({@code href} is the API path a client downloads with Range and ETag).
 */
public record DocumentContent(String itemId, String title, String kind, String summary, String bodyHtml, Instant publishedAt,
        long version, List<Attachment> attachments) {

    /** One attachment: its Vietnamese file name, media type checked from the bytes, size and SHA-256 (hex). */
    public record Attachment(String id, String fileName, String mediaType, long size, String sha256, String href) {
    }
}
