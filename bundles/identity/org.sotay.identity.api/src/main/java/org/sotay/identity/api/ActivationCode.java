package org.sotay.identity.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/**
 * A one-time code a secretary hands to a member: {@code REGISTER} to create their account, or
 * {@code RESET} to set a new password. Shown once; only its hash is kept.
 */
public record ActivationCode(@Required String code, @Required String memberId, @Required Purpose purpose, @Required Instant expiresAt) {
    public enum Purpose {
        REGISTER, RESET
    }
}
