package org.sotay.meetings.api;

import org.sotay.core.api.Required;

/** A new calendar feed: {@code MEMBER} (the caller's own cell, wherever they move) or {@code CELL} ({@code unitId}). */
public record FeedDraft(@Required FeedScope scope, String unitId) {
}
