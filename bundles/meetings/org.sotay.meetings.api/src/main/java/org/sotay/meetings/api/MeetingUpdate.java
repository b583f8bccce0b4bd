package org.sotay.meetings.api;

import java.util.List;

import org.sotay.core.api.Required;

/** An edit of a scheduled meeting's title, venue, chair, minute taker or agenda; fields left out keep their value. */
public record MeetingUpdate(String title, String venueId, String venueText, String chairId, String minuteTakerId, List<AgendaItemDraft> agenda,
        @Required Long version) {
}
