package org.sotay.meetings.api;

/** Where a meeting is: scheduled, held (attendance recorded, or paper minutes stored) or cancelled. */
public enum MeetingStatus {
    SCHEDULED, HELD, CANCELLED
}
