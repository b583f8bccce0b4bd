package org.sotay.notify.spi;

import org.sotay.core.api.Required;

/** What a channel sends: to an account, in both languages (the channel picks what its recipients read). */
public record Outgoing(@Required String messageId, @Required String accountId, @Required String kind, @Required String title,
        @Required String titleEn, @Required String body, @Required String bodyEn, String link) {
}
