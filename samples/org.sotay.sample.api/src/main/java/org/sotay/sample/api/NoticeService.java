package org.sotay.sample.api;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/** The notice board. Reading is open to everyone; publishing needs {@link #PERMISSION_WRITE}. */
@org.osgi.annotation.versioning.ProviderType
public interface NoticeService {
    String PERMISSION_WRITE = "sample.notice.write";

    /** Event topic posted after a notice is published; properties {@code id}, {@code title}. */
    String TOPIC_PUBLISHED = "org/sotay/sample/notice/PUBLISHED";

    /** Newest first. */
    Page<Notice> list(PageRequest page);

    /** @throws org.sotay.core.api.SotayException not-found */
    Notice get(String id);

    /** @throws org.sotay.core.api.SotayException validation, forbidden */
    Notice publish(NoticeDraft draft);

    /** @throws org.sotay.core.api.SotayException validation, not-found, stale-version, forbidden */
    Notice update(String id, NoticeDraft draft);
}
