package org.sotay.handbook.api;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/**
 * Reading the library: every answer holds only published items addressed to the caller's position (their
 * cell's and residence unit's lineages, and the audience groups they hold), filtered in the database; any
 * other item is not found, exactly as one that does not exist.
 */
@org.osgi.annotation.versioning.ProviderType
public interface LibraryService {
    /** Newest first. */
    Page<ItemSummary> list(LibraryQuery query, PageRequest page);

    ItemView get(String id);

    /** Words of title, summary and body, with or without diacritics; every word must match; title words rank first. */
    Page<SearchHit> search(String text, PageRequest page);

    /** What changed for the caller since {@code cursor} ({@code null}: everything visible now), at most {@code limit} entries. */
    Changes changes(String cursor, int limit);

    /** The caller's offline packet. */
    Packet packet();

    AttachmentFile attachment(String itemId, String attachmentId);
}
