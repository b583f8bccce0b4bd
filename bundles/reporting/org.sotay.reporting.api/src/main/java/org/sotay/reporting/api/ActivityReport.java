package org.sotay.reporting.api;

import java.util.List;

import org.sotay.core.api.Required;

/**
 * Cell activity for a unit's subtree in {@code period} ({@code yyyy-MM}), with each child: the funnel
 * of steps and the share of cells that used the handbook in their cell activities, where "used" is
 * the configured list of steps ({@code usedSteps}, all of them) and {@code goalPercent} the goal (80%
 * in the seed). {@code tree} as in {@link AdoptionReport}. {@code order}: {@code "name"}, or
 * {@code "lagging"} (the children with the lowest share first: available, not the landing view).
 */
public record ActivityReport(@Required UnitActivity total, @Required String period, @Required String tree, @Required List<String> usedSteps,
        int goalPercent, @Required String order, @Required List<UnitActivity> children) {
}
