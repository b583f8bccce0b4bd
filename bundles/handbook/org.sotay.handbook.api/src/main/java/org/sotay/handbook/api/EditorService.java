package org.sotay.handbook.api;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/**
 * Writing the library, within the caller's subtrees: items owned by a unit outside them are not found;
 * an audience unit outside {@link HandbookPermissions#ITEM_PUBLISH} is a field error on {@code audience}.
 * Every write is one transaction with its audit line and, once published, its event ({@link HandbookEvents}).
 */
@org.osgi.annotation.versioning.ProviderType
public interface EditorService {
    Page<Item> list(EditorQuery query, PageRequest page);

    Item get(String id);

    Item create(ItemDraft draft);

    /** Edits a draft, or a published item: then the previous edition is kept and readers get the new one. */
    Item update(String id, ItemDraft draft);

    /** Publishes now ({@code at} absent or past) or schedules the publication at {@code at}. */
    Item publish(String id, Instant at, long version);

    /** Withdraws a published or scheduled item: it leaves every reader's list; the delta feed carries a tombstone. */
    Item withdraw(String id, String reason, long version);

    /** The previous editions of an item, newest first. */
    List<ItemVersion> versions(String id);

    /**
     * Adds a file: its type is found in its first bytes (PDF, PNG, JPEG, WebP, MP3, M4A, OGG, WAV), whatever
     * its name says; each type has its own size limit (configuration). Stored in the platform's file store.
     */
    AttachmentInfo attach(String itemId, String fileName, InputStream content);

    void detach(String itemId, String attachmentId);
}
