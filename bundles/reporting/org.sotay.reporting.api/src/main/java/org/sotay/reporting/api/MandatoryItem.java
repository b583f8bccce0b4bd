package org.sotay.reporting.api;

import java.time.LocalDate;

import org.sotay.core.api.Required;

/** A mandatory item addressed to (part of) a unit's subtree, with the unit's reading of it. */
public record MandatoryItem(@Required String itemId, @Required String title, @Required String kind, LocalDate deadline, boolean withdrawn,
        boolean rolesLimited, @Required UnitReading reading) {
}
