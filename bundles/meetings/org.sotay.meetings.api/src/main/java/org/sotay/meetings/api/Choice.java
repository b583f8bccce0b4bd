package org.sotay.meetings.api;

/** A vote on a decision. */
public enum Choice {
    FOR, AGAINST, ABSTAIN
}
