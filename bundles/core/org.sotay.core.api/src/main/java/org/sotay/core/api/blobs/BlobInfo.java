package org.sotay.core.api.blobs;

import java.time.Instant;

/** A stored file: its size in bytes, SHA-256 (lower-case hex) and, for a temporary one, when it goes. */
public record BlobInfo(String id, String module, String contentType, long size, String sha256, Instant createdAt, Instant expiresAt) {
}
