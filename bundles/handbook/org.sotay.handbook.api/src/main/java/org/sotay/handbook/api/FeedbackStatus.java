package org.sotay.handbook.api;

/** New, answered (the sender sees the answer), closed. */
public enum FeedbackStatus {
    NEW, ANSWERED, CLOSED
}
