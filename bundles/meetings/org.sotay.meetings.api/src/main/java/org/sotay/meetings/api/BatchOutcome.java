package org.sotay.meetings.api;

import org.sotay.core.api.Required;

/**
 * What became of one entry of a batch: {@code APPLIED}; {@code UNCHANGED} (already so, or sent before);
 * {@code KEPT_SERVER} (a later change on the server wins, {@code kept} says what was kept); or
 * {@code REFUSED} (not possible, {@code reason} says why).
 */
public record BatchOutcome(@Required String clientId, @Required Outcome outcome, String reason, String reasonEn, RollEntry kept) {
    public enum Outcome {
        APPLIED, UNCHANGED, KEPT_SERVER, REFUSED
    }
}
