package org.sotay.reporting.api;

import java.util.List;

import org.sotay.core.api.Required;

/**
 * A unit's cell activity in a period: its cells, how many reached each step, and how many "used the
 * handbook in their cell activities" by the configured definition ({@code used}, against the goal).
 */
public record UnitActivity(@Required UnitRef unit, long cells, @Required List<Step> steps, @Required Rate used, boolean goalReached) {
}
