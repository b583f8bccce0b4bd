package org.sotay.identity.api;

import java.time.Instant;
import java.util.List;

/**
 * An account as clients see it: never a password hash or salt. {@code lockedUntil} is set while
 * a staff lock or a failed-login back-off holds; {@code memberId} links a member account.
 */
public record Account(String id, String username, AccountKind kind, String displayName, String memberId, String homeUnitId,
        boolean locked, String lockReason, Instant lockedUntil, boolean passwordChangeRequired, Instant createdAt,
        Instant lastLoginAt, List<Grant> grants, long version) {
}
