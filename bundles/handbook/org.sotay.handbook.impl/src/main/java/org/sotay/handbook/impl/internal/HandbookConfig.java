package org.sotay.handbook.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.sotay.handbook}: limits of attachments and feedback, and the delta feed's settling time. */
@ObjectClassDefinition(id = HandbookConfig.PID, name = "Sotay handbook", description = "Attachments, feedback limits, delta feed")
@interface HandbookConfig {
    String PID = "org.sotay.handbook";

    @AttributeDefinition(description = "Largest PDF attachment, bytes")
    long pdfMaxBytes() default 20L * 1024 * 1024;

    @AttributeDefinition(description = "Largest image attachment (PNG, JPEG, WebP), bytes")
    long imageMaxBytes() default 5L * 1024 * 1024;

    @AttributeDefinition(description = "Largest audio attachment (MP3, M4A, OGG, WAV), bytes")
    long audioMaxBytes() default 60L * 1024 * 1024;

    @AttributeDefinition(description = "Feedback an account may send per hour")
    int feedbackPerHour() default 5;

    @AttributeDefinition(description = "Feedback an account may send per day")
    int feedbackPerDay() default 20;

    @AttributeDefinition(description = "The delta feed serves changes older than this many milliseconds only, so a change still committing is never skipped")
    long changesSettleMs() default 2000;
}
