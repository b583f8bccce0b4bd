package org.sotay.meetings.api;

/** How a member stands on a cell's roll: official, probationary (attends and speaks, does not vote), or temporarily attached from another cell. */
public enum MemberCategory {
    OFFICIAL, PROBATIONARY, ATTACHED
}
