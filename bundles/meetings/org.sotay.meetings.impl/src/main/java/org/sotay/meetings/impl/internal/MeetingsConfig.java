package org.sotay.meetings.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.sotay.meetings} ({@code etc/org.sotay.meetings.cfg}); the rules of Guidance 42 live here, not in code. */
@ObjectClassDefinition(id = MeetingsConfig.PID, name = "Sotay meetings", description = "Meeting rules: durations, deadlines, documents, check-in, votes")
@interface MeetingsConfig {
    String PID = "org.sotay.meetings";

    @AttributeDefinition(description = "Minimum duration per kind, KIND=minutes (Guidance 42: a regular meeting 90, with a thematic topic 120)")
    String[] minimumMinutes() default { "REGULAR=90", "THEMATIC=120", "EXTRAORDINARY=60", "COMMITTEE=90" };

    @AttributeDefinition(description = "Day of the previous month by which a month's meeting should be registered (Hà Nội: the 20th)")
    int deadlineDay() default 20;

    @AttributeDefinition(description = "How long before the start a meeting's documents must be visible to the cell, in hours (Guidance 42: a day)")
    int documentLeadHours() default 24;

    @AttributeDefinition(description = "Check-in opens this many minutes before the start")
    int checkInOpensMinutes() default 60;

    @AttributeDefinition(description = "Check-in closes this many minutes after the scheduled end")
    int checkInClosesMinutes() default 120;

    @AttributeDefinition(description = "Who leaves the denominator of a decision (Regulation 24 point 9.3.2 / Regulation 294): away, exemptAbsent, excusedAbsent")
    String[] denominatorExcludes() default { "away", "exemptAbsent", "excusedAbsent" };

    @AttributeDefinition(description = "Whether official members temporarily attached to the cell vote in it")
    boolean attachedMembersVote() default true;

    @AttributeDefinition(description = "Largest photo or PDF of paper minutes, in bytes")
    long maxPaperBytes() default 20L * 1024 * 1024;

    @AttributeDefinition(description = "A calendar feed holds meetings from this many days back")
    int feedPastDays() default 92;

    @AttributeDefinition(description = "... up to this many days ahead")
    int feedFutureDays() default 400;
}
