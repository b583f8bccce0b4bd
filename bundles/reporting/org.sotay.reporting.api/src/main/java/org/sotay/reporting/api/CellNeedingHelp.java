package org.sotay.reporting.api;

import java.util.List;

import org.sotay.core.api.Required;

/**
 * A cell an organization board should inspect, support and urge, with why: {@code no-meeting-registered}
 * (none registered for the period by its deadline), {@code documents-late} (a meeting's documents
 * posted late or missing), {@code minutes-missing} (a meeting started over 7 days ago without minutes,
 * on paper or approved), {@code nobody-installed} (no member has the app), {@code no-internet} (its
 * usual venue has no connectivity). {@code parentName} is the committee above it.
 */
public record CellNeedingHelp(@Required UnitRef cell, String parentName, long members, long installed, @Required List<Note> reasons) {
    public static final String NO_MEETING_REGISTERED = "no-meeting-registered";
    public static final String DOCUMENTS_LATE = "documents-late";
    public static final String MINUTES_MISSING = "minutes-missing";
    public static final String NOBODY_INSTALLED = "nobody-installed";
    public static final String NO_INTERNET = "no-internet";
}
