package org.sotay.notify.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/**
 * A message in an account's inbox. {@code kind} is stable ({@code meeting.scheduled},
 * {@code meeting.reminder}, {@code meeting.close-the-loop}, {@code handbook.mandatory}, ...); title and
 * body come in Vietnamese and English; {@code link} is an API path the client may open;
 * {@code cursor} orders the inbox (ask for what came after it).
 */
public record Notification(@Required String id, long cursor, @Required String kind, @Required String title, @Required String titleEn,
        @Required String body, @Required String bodyEn, String link, @Required Instant createdAt, Instant readAt) {
}
