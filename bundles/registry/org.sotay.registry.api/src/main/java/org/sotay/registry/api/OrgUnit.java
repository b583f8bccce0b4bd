package org.sotay.registry.api;

import java.time.LocalDate;

/**
 * An org unit as it is (or was, for a tree asked at a date). {@code validTo} is {@code null}
 * for an open unit; a closed unit (merged, dissolved) keeps its history.
 */
public record OrgUnit(String id, String code, String name, String typeCode, String parentId, int depth,
        LocalDate validFrom, LocalDate validTo, String venue, Connectivity connectivity, long version) {
}
