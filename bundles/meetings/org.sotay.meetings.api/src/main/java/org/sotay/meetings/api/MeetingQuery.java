package org.sotay.meetings.api;

import java.time.LocalDate;

/** A meeting search within the caller's scope: a unit's subtree, local dates {@code from} to {@code to} inclusive, a status. */
public record MeetingQuery(String unitId, LocalDate from, LocalDate to, MeetingStatus status) {
}
