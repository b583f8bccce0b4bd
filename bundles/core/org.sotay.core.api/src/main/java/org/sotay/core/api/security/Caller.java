package org.sotay.core.api.security;

import java.util.Set;

/**
 * The authenticated principal of a request (or {@link #ANONYMOUS}). Permissions are held
 * <em>at org units</em>: a permission held at a unit covers that unit's whole subtree, so a
 * query for "members I may read" filters by {@code unitsFor("registry.member.read")} in the
 * database, never by fetching and then checking.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface Caller {
    /** Stable id of the account (or API client); {@code "anonymous"} for nobody. */
    String subject();

    /** A name to show in logs and audit lines. */
    String displayName();

    /**
     * The registry member this account belongs to (a member's own account), or {@code null} for
     * staff, API clients, jobs and anonymous callers. A module that keeps something per member (a
     * reading list, a check-in) keys it by this, never by a member id sent in a request.
     */
    default String memberId() {
        return null;
    }

    /** {@code false} only for {@link #ANONYMOUS}. */
    default boolean authenticated() {
        return true;
    }

    /** Roots of the subtrees where this caller holds {@code permission}; empty when nowhere. */
    Set<String> unitsFor(String permission);

    /** Whether the caller holds {@code permission} anywhere in the tree. */
    default boolean has(String permission) {
        return !unitsFor(permission).isEmpty();
    }

    /** Nobody: holds no permission. */
    Caller ANONYMOUS = new Caller() {
        @Override
        public String subject() {
            return "anonymous";
        }

        @Override
        public String displayName() {
            return "anonymous";
        }

        @Override
        public boolean authenticated() {
            return false;
        }

        @Override
        public Set<String> unitsFor(String permission) {
            return Set.of();
        }

        @Override
        public String toString() {
            return "anonymous";
        }
    };
}
