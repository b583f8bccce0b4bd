package org.sotay.handbook.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/** Feedback as its sender and the staff in scope see it; {@code senderName} is absent when hidden (but for the sender). */
public record Feedback(@Required String id, @Required FeedbackTopic topic, String itemId, String subject, @Required String body,
        @Required FeedbackStatus status, String senderName, boolean hideSender, boolean mine, @Required String unitId,
        @Required Instant createdAt, String answer, Instant answeredAt, String answeredBy, String publishedItemId, long version) {
}
