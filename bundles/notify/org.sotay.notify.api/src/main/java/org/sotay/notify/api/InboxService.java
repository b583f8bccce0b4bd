package org.sotay.notify.api;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/** The caller's own inbox, and the failed deliveries for operators ({@link NotifyPermissions#MANAGE}, within their subtree). */
@org.osgi.annotation.versioning.ProviderType
public interface InboxService {
    /** The messages after {@code after} (0: from the start), at most {@code limit}. */
    Inbox inbox(long after, int limit);

    /** The inbox's version: changes when a message comes or one is read (the ETag of a poll). */
    String version();

    void markRead(String id);

    /** Marks everything up to {@code upTo} read; how many changed. */
    int markAllRead(long upTo);

    Page<Delivery> failures(PageRequest page);

    /** Tries a failed delivery again from the start. */
    Delivery retry(String deliveryId);
}
