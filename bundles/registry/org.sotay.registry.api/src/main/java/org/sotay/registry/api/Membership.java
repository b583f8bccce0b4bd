package org.sotay.registry.api;

import java.time.LocalDate;

/** A member's belonging to a cell over [validFrom, validTo): the home cell or a temporary one. */
public record Membership(String unitId, String unitCode, String unitName, String kind, LocalDate validFrom, LocalDate validTo,
        String reason) {
}
