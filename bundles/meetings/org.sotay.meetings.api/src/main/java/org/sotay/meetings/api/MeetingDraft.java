package org.sotay.meetings.api;

import java.time.LocalDate;
import java.util.List;

import org.sotay.core.api.Required;

/**
 * A meeting as a secretary registers it: the cell ({@code unitId}), kind, {@code date} and {@code time}
 * ({@code HH:mm}) in the deployment's zone, duration (default: the kind's minimum), a venue of the cell
 * or a free-text place, chair and minute taker (members of the cell), agenda. A date in the past
 * records a meeting held but never registered (flagged {@code recordedLate}). To edit, send
 * {@code version}; the unit, date and time do not change by an edit (move the meeting instead).
 */
public record MeetingDraft(String unitId, String kindCode, String title, @Required LocalDate date, @Required String time,
        Integer durationMinutes, String venueId, String venueText, String chairId, String minuteTakerId, List<AgendaItemDraft> agenda,
        Long version) {
    public static final int TITLE_MAX = 300;
    public static final int VENUE_TEXT_MAX = 300;
    public static final int AGENDA_MAX = 30;
}
