package org.sotay.meetings.api.facts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of meetings as the meetings module keeps them now, for the reporting module: the same
 * properties its {@link org.sotay.meetings.api.MeetingEvents} carry (kind, period, start, deadline,
 * documents' timing, minutes, and the roll's counts once the meeting is held), plus {@link #STATUS}
 * and {@link #VERSION}, so a reader can read a meeting again whenever an event names it and keep the
 * newest state.
 */
@org.osgi.annotation.versioning.ProviderType
public interface MeetingFacts {
    /** The meeting's status ({@code String}: {@code SCHEDULED}, {@code HELD}, {@code CANCELLED}). */
    String STATUS = "status";
    /** The meeting's version ({@code Long}): it grows with every change. */
    String VERSION = "version";
    /** Whether the roll's counts are present ({@code Boolean}: the meeting is held, or its minutes are approved or on paper). */
    String WITH_ROLL = "withRoll";

    /** The meeting's facts; empty when there is no such meeting. */
    Optional<Map<String, Object>> facts(String meetingId);

    /** Up to {@code limit} meeting ids after {@code afterId} ({@code ""} first), in id order: every meeting, for a rebuild. */
    List<String> ids(String afterId, int limit);
}
