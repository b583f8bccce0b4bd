package org.sotay.handbook.api;

import org.sotay.core.api.Required;

/**
 * Feedback or a question. {@code itemId} when it is about an item; {@code unitId} is where a staff sender
 * sends it from (a member's is their cell); {@code hideSender} hides the sender from other members (a
 * published Q&A, anyone but the sender), never from the system.
 */
public record FeedbackDraft(@Required FeedbackTopic topic, String itemId, String subject, @Required String body, String unitId,
        Boolean hideSender) {
    public static final int SUBJECT_MAX = 200;
    public static final int BODY_MAX = 4000;
}
