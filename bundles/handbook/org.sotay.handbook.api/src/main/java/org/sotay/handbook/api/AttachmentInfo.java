package org.sotay.handbook.api;

import org.sotay.core.api.Required;

/**
 * A file of an item: its (Vietnamese) file name, the media type found in its bytes, its size and SHA-256 (hex);
 * {@code href} is the API path a reader downloads it from, with {@code Range} and {@code ETag}.
 */
public record AttachmentInfo(@Required String id, @Required String fileName, @Required String mediaType, long size, @Required String sha256,
        @Required String href) {
    public static final int FILE_NAME_MAX = 200;
}
