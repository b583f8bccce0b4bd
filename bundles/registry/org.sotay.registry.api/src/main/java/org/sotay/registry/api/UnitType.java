package org.sotay.registry.api;

/**
 * A kind of org unit (provincial committee, district committee, grassroots committee, party
 * cell, ...). Types are data, not code: a province adds its own. Members can belong only to a
 * unit whose type {@code holdsMembers}.
 */
public record UnitType(String code, String nameVi, String nameEn, boolean holdsMembers, int rank) {
}
