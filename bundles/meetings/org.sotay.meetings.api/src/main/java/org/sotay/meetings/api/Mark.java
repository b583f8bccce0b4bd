package org.sotay.meetings.api;

import org.sotay.core.api.Required;

/** The secretary marks a member present, absent with a reason ({@code ABSENT_EXCUSED}), absent, or back to unmarked. */
public record Mark(@Required String memberId, @Required AttendanceState state, String reason) {
    public static final int REASON_MAX = 500;
}
