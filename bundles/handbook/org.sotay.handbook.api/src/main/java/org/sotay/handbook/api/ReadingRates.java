package org.sotay.handbook.api;

import java.time.LocalDate;
import java.util.List;

import org.sotay.core.api.Required;

/** Rates of one item at a unit and at each of its children: the level below, for inspection. */
public record ReadingRates(@Required String itemId, LocalDate deadline, @Required UnitRate unit, @Required List<UnitRate> children) {
}
