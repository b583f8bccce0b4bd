package org.sotay.meetings.api;

/** A member's attendance: present, absent with a reason (excused), absent without one, or not marked yet. */
public enum AttendanceState {
    PRESENT, ABSENT_EXCUSED, ABSENT, UNMARKED
}
