package org.sotay.reporting.api;

import java.util.List;

import org.sotay.core.api.Required;

/** Attendance for a unit's subtree in {@code period} ({@code yyyy-MM}), with each child; {@code tree} as in {@link AdoptionReport}. */
public record AttendanceReport(@Required UnitAttendance total, @Required String period, @Required String tree, @Required List<UnitAttendance> children) {
}
