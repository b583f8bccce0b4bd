package org.sotay.registry.api;

import java.time.LocalDate;

import org.sotay.core.api.Required;

/**
 * A change of a member's status from {@code effective} (default today). A reason is required
 * for every status but OFFICIAL; the member's {@code version} is required.
 */
public record StatusChange(@Required MemberStatus status, LocalDate effective, String reason, @Required Long version) {
}
