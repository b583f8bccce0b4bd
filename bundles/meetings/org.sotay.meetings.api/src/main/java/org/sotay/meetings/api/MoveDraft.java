package org.sotay.meetings.api;

import java.time.LocalDate;

import org.sotay.core.api.Required;

/** A meeting moved to another day or time (in the deployment's zone), with the reason members are told. */
public record MoveDraft(@Required LocalDate date, @Required String time, Integer durationMinutes, String reason, @Required Long version) {
    public static final int REASON_MAX = 500;
}
