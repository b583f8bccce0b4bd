package org.sotay.handbook.api;

import java.io.InputStream;

/** An attachment a reader may download: its description and its bytes from an offset (a resumed download). */
public interface AttachmentFile {
    AttachmentInfo info();

    /** At most {@code length} bytes from {@code offset} ({@code -1}: to the end), read lazily. */
    InputStream open(long offset, long length);
}
