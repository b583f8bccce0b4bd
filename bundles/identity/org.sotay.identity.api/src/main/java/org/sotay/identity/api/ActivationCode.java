package org.sotay.identity.api;

import java.time.Instant;

/**
 * A one-time code a secretary hands to a member: {@code REGISTER} to create their account, or
 * {@code RESET} to set a new password. Shown once; only its hash is kept.
 */
public record ActivationCode(String code, String memberId, Purpose purpose, Instant expiresAt) {
    public enum Purpose {
        REGISTER, RESET
    }
}
