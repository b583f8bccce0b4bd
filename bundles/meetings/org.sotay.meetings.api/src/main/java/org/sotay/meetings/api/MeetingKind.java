package org.sotay.meetings.api;

import org.sotay.core.api.Required;

/**
 * A kind of meeting (data, not code): regular monthly, thematic, extraordinary, committee.
 * {@code minimumMinutes} comes from the configuration (Guidance 42: 90, 120 when thematic);
 * {@code forCells} tells whether cells hold it or the committees above them.
 */
public record MeetingKind(@Required String code, @Required String nameVi, @Required String nameEn, int minimumMinutes, boolean forCells) {
}
