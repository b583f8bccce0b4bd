package org.sotay.core.api.blobs;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * The platform's file store. A module keeps the id of what it stored and decides who may read it:
 * the store itself checks no permission, so never hand a blob id to a client as an access right.
 *
 * <p>{@link #put} streams the content to the store while counting and hashing it; it holds at most a
 * chunk in memory. Past {@code maxBytes} it stops reading, keeps nothing and throws the 413 problem
 * ({@code payload-too-large}); a client that breaks off mid-upload leaves nothing behind either.
 * Blobs stored with a time to live (an upload waiting for its import) are deleted when it runs out
 * unless {@link #keep kept}.
 */
@org.osgi.annotation.versioning.ProviderType
public interface BlobStore {
    /**
     * Stores {@code content} for {@code module}, at most {@code maxBytes} bytes, as {@code contentType}
     * ({@code null} for unknown); {@code ttl} {@code null} keeps it until deleted.
     */
    BlobInfo put(String module, String contentType, InputStream content, long maxBytes, Duration ttl);

    Optional<BlobInfo> info(String id);

    /**
     * The bytes from {@code offset}, at most {@code length} of them ({@code -1}: to the end), read
     * lazily: a slow download holds no database connection between its reads.
     *
     * @throws org.sotay.core.api.SotayException not-found
     */
    InputStream open(String id, long offset, long length);

    /** Clears a blob's time to live: it is kept until deleted. */
    void keep(String id);

    /** Deletes a blob; {@code false} when there was none. */
    boolean delete(String id);
}
