package org.sotay.reporting.api;

import java.time.LocalDate;
import java.util.List;

import org.sotay.core.api.Required;

/**
 * The reading of one mandatory item in a unit's subtree, with each child. {@code rolesLimited}: the
 * item is addressed to some roles only (cell secretaries, ...): its audience is not a count of
 * members, so only the reads are shown.
 */
public record ReadingReport(@Required String itemId, @Required String title, @Required String kind, LocalDate deadline, boolean withdrawn,
        boolean rolesLimited, @Required UnitReading total, @Required List<UnitReading> children) {
}
