package org.sotay.registry.api;

import java.time.LocalDate;

/**
 * A change of a member's status from {@code effective} (default today). A reason is required
 * for every status but OFFICIAL; the member's {@code version} is required.
 */
public record StatusChange(MemberStatus status, LocalDate effective, String reason, Long version) {
}
