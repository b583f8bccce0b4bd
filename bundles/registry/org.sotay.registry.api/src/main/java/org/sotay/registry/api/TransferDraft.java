package org.sotay.registry.api;

import java.time.LocalDate;

/**
 * A transfer of a member to another cell from {@code effective} (default today). A temporary
 * transfer needs {@code until}; an official one needs the member's {@code version}.
 */
public record TransferDraft(String toCellId, TransferKind kind, LocalDate effective, LocalDate until, String reason, Long version) {
}
