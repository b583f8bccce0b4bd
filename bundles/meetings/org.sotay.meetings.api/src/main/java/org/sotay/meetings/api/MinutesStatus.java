package org.sotay.meetings.api;

/** A version of the minutes: a draft being written, the approved one (locked), or one superseded by a correction (still readable). */
public enum MinutesStatus {
    DRAFT, APPROVED, SUPERSEDED
}
