package org.sotay.sample.api;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/**
 * The notice board, within the caller's subtrees: a notice of a unit outside them is not found.
 * Every write is one transaction with its audit line and its event ({@link SampleEvents}).
 */
@org.osgi.annotation.versioning.ProviderType
public interface NoticeService {
    /** Newest first, of the whole scope or of {@code unitId}'s subtree. */
    Page<Notice> list(String unitId, PageRequest page);

    /** @throws org.sotay.core.api.SotayException not-found */
    Notice get(String id);

    /** @throws org.sotay.core.api.SotayException validation, not-found (the unit) */
    Notice publish(NoticeDraft draft);

    /** @throws org.sotay.core.api.SotayException validation, not-found, stale-version */
    Notice update(String id, NoticeDraft draft);
}
