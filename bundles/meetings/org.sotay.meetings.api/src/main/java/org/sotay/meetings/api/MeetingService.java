package org.sotay.meetings.api;

import java.util.List;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/**
 * Scheduling: kinds, venues, patterns and proposals, meetings. Reads need {@link MeetingsPermissions#READ}
 * over the meeting's cell, writes {@link MeetingsPermissions#MANAGE}; a cell or meeting outside the
 * caller's scope is not found. Every write is one transaction with its audit line and its event.
 */
@org.osgi.annotation.versioning.ProviderType
public interface MeetingService {
    List<MeetingKind> kinds();

    /** The venues of a cell (active first). */
    List<Venue> venues(String unitId);

    Venue addVenue(String unitId, VenueDraft draft);

    Venue updateVenue(String venueId, VenueDraft draft);

    /** @throws org.sotay.core.api.SotayException not-found when the cell has no pattern yet */
    MeetingPattern pattern(String unitId);

    MeetingPattern setPattern(String unitId, PatternDraft draft);

    /** The proposal for {@code month} ({@code yyyy-MM}), or for the next month without a meeting. */
    Proposal proposal(String unitId, String month);

    /** Confirms (or moves) the proposal in one call: the meeting is registered. */
    Meeting confirm(String unitId, ConfirmDraft draft);

    Page<Meeting> list(MeetingQuery query, PageRequest page);

    Meeting get(String id);

    Meeting create(MeetingDraft draft);

    Meeting update(String id, MeetingUpdate update);

    Meeting move(String id, MoveDraft draft);

    Meeting cancel(String id, CancelDraft draft);

    /** Agenda, documents (their content when the handbook is installed) and roster in one answer, for a secretary offline. */
    Packet packet(String id);
}
