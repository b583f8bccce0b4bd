package org.sotay.registry.api;

import java.time.LocalDate;

import org.sotay.core.api.Required;

/**
 * An org unit as it is (or was, for a tree asked at a date). {@code validTo} is {@code null}
 * for an open unit; a closed unit (merged, dissolved) keeps its history.
 */
public record OrgUnit(@Required String id, @Required String code, @Required String name, @Required String typeCode, String parentId,
        int depth, @Required LocalDate validFrom, LocalDate validTo, String venue, Connectivity connectivity, long version) {
}
