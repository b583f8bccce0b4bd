package org.sotay.reporting.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.sotay.core.api.Required;

/**
 * Installation and registration for a unit's subtree on {@code at}, with the same figures for each
 * of its children (the drill-down). {@code tree} says how the subtree was drawn: {@code "as-it-was"}
 * (the units and children the tree had on that day) or {@code "today"} (the day's figures restated
 * on today's tree: cells merged since are counted in the unit they were merged into).
 * {@code updatedAt} is when the figures last changed.
 */
public record AdoptionReport(@Required UnitAdoption total, @Required LocalDate at, @Required String tree, @Required List<UnitAdoption> children,
        Instant updatedAt) {
    public static final String AS_IT_WAS = "as-it-was";
    public static final String TODAY = "today";
}
