package org.sotay.reporting.api;

import org.sotay.core.api.Required;

/**
 * Where the internet is missing: a unit's cells whose usual venue has no connectivity, and how many of
 * them used the handbook in their cell activities in the period, beside the same for the cells with
 * a connection (mobile data or Wi-Fi, or not known).
 */
public record UnitConnectivity(@Required UnitRef unit, long cellsWithout, @Required Rate usedWithout, long cellsWith, @Required Rate usedWith) {
}
