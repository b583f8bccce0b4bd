package org.sotay.meetings.api;

/** What a calendar feed holds: the caller's own cell's meetings (a member), or one cell's (anyone who may read it). */
public enum FeedScope {
    MEMBER, CELL
}
