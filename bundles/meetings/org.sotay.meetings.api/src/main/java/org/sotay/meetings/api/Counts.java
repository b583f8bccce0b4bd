package org.sotay.meetings.api;

/** A count split the way the minutes open: in total, official, probationary, temporarily attached. */
public record Counts(int total, int official, int probationary, int attached) {
}
