package org.sotay.reporting.api;

import java.util.List;

import org.sotay.core.api.Required;

/** One unit's line of a report: its subtree's figures, its open cells, and what plugins contribute. */
public record UnitAdoption(@Required UnitRef unit, int cells, @Required Adoption figures, @Required List<Contributed> contributed) {
}
