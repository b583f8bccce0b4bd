package org.sotay.registry.api;

import java.time.LocalDate;

import org.sotay.core.api.Required;

/**
 * A transfer of a member to another cell from {@code effective} (default today). A temporary
 * transfer needs {@code until}; an official one needs the member's {@code version}.
 */
public record TransferDraft(@Required String toCellId, @Required TransferKind kind, LocalDate effective, LocalDate until, String reason, Long version) {
}
