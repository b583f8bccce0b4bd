package org.sotay.registry.api;

import org.sotay.core.api.Required;

/**
 * A kind of org unit (provincial committee, district committee, grassroots committee, party
 * cell, ...). Types are data, not code: a province adds its own. Members can belong only to a
 * unit whose type {@code holdsMembers}.
 */
public record UnitType(@Required String code, @Required String nameVi, @Required String nameEn, boolean holdsMembers, int rank) {
}
