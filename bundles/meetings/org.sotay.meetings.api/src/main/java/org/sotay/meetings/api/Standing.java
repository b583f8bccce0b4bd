package org.sotay.meetings.api;

/** Whether a member is expected at regular meetings: active, exempt from regular activities, or away on temporary assignment elsewhere. */
public enum Standing {
    ACTIVE, EXEMPT, AWAY
}
