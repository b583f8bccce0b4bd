package org.sotay.handbook.api;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/**
 * Feedback and questions from members and committees (rate-limited per account), answered by the staff
 * whose subtree holds the sender's unit.
 */
@org.osgi.annotation.versioning.ProviderType
public interface FeedbackService {
    Feedback send(FeedbackDraft draft);

    /** The caller's own feedback, newest first. */
    Page<Feedback> mine(PageRequest page);

    /** Feedback sent from the caller's {@link HandbookPermissions#FEEDBACK_ANSWER} subtrees, oldest new first. */
    Page<Feedback> inbox(FeedbackStatus status, PageRequest page);

    /** The sender's own, or one of the inbox. */
    Feedback get(String id);

    Feedback answer(String id, FeedbackAnswer answer);

    Feedback close(String id, long version);

    /** An answered question as a Q&A draft item (the sender hidden when they asked so). */
    Item toQa(String id, QaDraft draft);
}
