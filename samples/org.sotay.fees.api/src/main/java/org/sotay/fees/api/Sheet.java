package org.sotay.fees.api;

import java.time.Instant;
import java.util.List;

import org.sotay.core.api.Required;

/**
 * A cell's collection sheet for a month ({@code yyyy-MM}): the members due, in Vietnamese order, and
 * what each has paid. {@code openedAt} is empty while the sheet is not opened (a payment through the
 * portal may be recorded before it); {@code meetingId} names the held meeting that opened it.
 */
public record Sheet(@Required String unitId, @Required String period, Instant openedAt, String meetingId, int due, int paid,
        long collectedDong, @Required List<SheetLine> lines) {
}
