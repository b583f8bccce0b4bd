package org.sotay.meetings.api;

/** Who recorded an attendance entry: the member's own check-in, or the secretary (elderly members without phones are the normal case). */
public enum MarkSource {
    SELF, SECRETARY
}
