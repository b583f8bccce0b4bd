package org.sotay.meetings.api;

import java.util.List;

import org.sotay.core.api.Required;

/** The answer to a batch: one outcome per entry; {@code replay} when this batch had been applied before (nothing changed now). */
public record BatchResult(@Required String batchId, boolean replay, @Required List<BatchOutcome> outcomes, Minutes minutes) {
}
