package org.sotay.handbook.api;

/** What feedback is about: an item's content, a question (may become a Q&A item), or the software itself. */
public enum FeedbackTopic {
    CONTENT, QUESTION, SOFTWARE
}
