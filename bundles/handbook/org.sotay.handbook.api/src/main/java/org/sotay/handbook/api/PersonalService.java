package org.sotay.handbook.api;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/** A reader's own bookmarks and private notes, on items they may read. */
@org.osgi.annotation.versioning.ProviderType
public interface PersonalService {
    /** Idempotent. */
    void bookmark(String itemId);

    void unbookmark(String itemId);

    /** The bookmarked items still readable, newest bookmark first. */
    Page<ItemSummary> bookmarks(PageRequest page);

    Note note(String itemId);

    Note saveNote(String itemId, NoteDraft draft);

    void deleteNote(String itemId);

    Page<Note> notes(PageRequest page);
}
