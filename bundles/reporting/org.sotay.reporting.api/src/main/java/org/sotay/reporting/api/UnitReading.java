package org.sotay.reporting.api;

import org.sotay.core.api.Required;

/**
 * A unit's reading of one mandatory item: the members it is addressed to there (active, not exempt:
 * today's count), those who read it themselves and those recorded as read on their behalf (by a
 * secretary or an install helper), kept apart; {@code read} is both against the audience.
 */
public record UnitReading(@Required UnitRef unit, long audience, long selfReads, long onBehalfReads, @Required Rate read, @Required Rate onBehalf) {
}
