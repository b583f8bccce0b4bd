package org.sotay.registry.api;

import java.time.LocalDate;

import org.sotay.core.api.Required;

/** A member's belonging to a cell over [validFrom, validTo): the home cell or a temporary one. */
public record Membership(@Required String unitId, String unitCode, String unitName, @Required String kind, @Required LocalDate validFrom, LocalDate validTo,
        String reason) {
}
