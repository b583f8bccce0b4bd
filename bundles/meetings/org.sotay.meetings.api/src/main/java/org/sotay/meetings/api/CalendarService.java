package org.sotay.meetings.api;

import java.util.List;

/**
 * iCalendar (RFC 5545) feeds that phone calendars subscribe to, behind a private, revocable token.
 * Moved and cancelled meetings update in place (stable UID, SEQUENCE, STATUS:CANCELLED).
 */
@org.osgi.annotation.versioning.ProviderType
public interface CalendarService {
    Feed create(FeedDraft draft);

    /** The caller's own feeds (without their paths). */
    List<Feed> mine();

    /** Revokes one of the caller's feeds; its address stops working at once. */
    void revoke(String feedId);

    /**
     * The feed named by {@code token} as {@code text/calendar}.
     *
     * @throws org.sotay.core.api.SotayException not-found for an unknown or revoked token
     */
    String ics(String token);
}
