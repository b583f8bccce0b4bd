package org.sotay.handbook.api;

import java.io.InputStream;

/**
 * An attachment a reader may download: its description and its bytes from an offset (a resumed download).
 * The handbook module provides it (from {@link LibraryService}); a client never implements it.
 */
@org.osgi.annotation.versioning.ProviderType
public interface AttachmentFile {
    AttachmentInfo info();

    /** At most {@code length} bytes from {@code offset} ({@code -1}: to the end), read lazily. */
    InputStream open(long offset, long length);
}
