package org.sotay.registry.api;

import java.time.LocalDate;

import org.sotay.core.api.Required;

/** A new unit under {@code parentId}; {@code validFrom} defaults to today. */
public record UnitDraft(@Required String code, @Required String name, @Required String typeCode, String parentId, LocalDate validFrom, String venue,
        Connectivity connectivity) {
}
