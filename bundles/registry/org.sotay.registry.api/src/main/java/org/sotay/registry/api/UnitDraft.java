package org.sotay.registry.api;

import java.time.LocalDate;

/** A new unit under {@code parentId}; {@code validFrom} defaults to today. */
public record UnitDraft(String code, String name, String typeCode, String parentId, LocalDate validFrom, String venue,
        Connectivity connectivity) {
}
