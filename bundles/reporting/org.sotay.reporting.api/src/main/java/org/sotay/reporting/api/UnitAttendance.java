package org.sotay.reporting.api;

import java.util.List;

import org.sotay.core.api.Required;

/** A unit's attendance in a period: all meetings ({@code total}, kind {@code "*"}) and by kind. */
public record UnitAttendance(@Required UnitRef unit, @Required AttendanceFigures total, @Required List<AttendanceFigures> byKind) {
}
