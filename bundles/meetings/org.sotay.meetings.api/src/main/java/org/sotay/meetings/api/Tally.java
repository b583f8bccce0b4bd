package org.sotay.meetings.api;

/** The count of a vote by show of hands. */
public record Tally(int votesFor, int against, int abstain) {
}
