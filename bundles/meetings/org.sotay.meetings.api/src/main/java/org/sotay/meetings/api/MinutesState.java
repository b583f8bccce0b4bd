package org.sotay.meetings.api;

/** A meeting's minutes: none yet, a draft, approved (locked), or only on paper. */
public enum MinutesState {
    NONE, DRAFT, APPROVED, PAPER
}
