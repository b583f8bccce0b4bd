package org.sotay.identity.api;

import java.time.Instant;
import java.util.List;

import org.sotay.core.api.Required;

/**
 * An account as clients see it: never a password hash or salt. {@code locked} while a staff lock
 * holds, with its reason and end ({@code lockedUntil}, {@code null} for "until unlocked"); the
 * sign-in back-off is not shown here (it answers 429 to whoever tries). {@code memberId} links a
 * member account; {@code passwordChangeRequired} after a one-time password: until it is changed,
 * the account's tokens hold no permission.
 */
public record Account(@Required String id, @Required String username, @Required AccountKind kind, @Required String displayName, String memberId, String homeUnitId,
        boolean locked, String lockReason, Instant lockedUntil, boolean passwordChangeRequired, @Required Instant createdAt,
        Instant lastLoginAt, List<Grant> grants, long version) {
}
