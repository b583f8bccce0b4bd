package org.sotay.meetings.api;

import org.sotay.core.api.Required;

/** A meeting cancelled, with the reason members and the upper committee are told. */
public record CancelDraft(@Required String reason, @Required Long version) {
}
