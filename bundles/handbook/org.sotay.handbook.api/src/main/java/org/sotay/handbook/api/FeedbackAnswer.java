package org.sotay.handbook.api;

import org.sotay.core.api.Required;

/** A staff answer; {@code version} of the feedback read. */
public record FeedbackAnswer(@Required String answer, Long version) {
    public static final int ANSWER_MAX = 4000;
}
