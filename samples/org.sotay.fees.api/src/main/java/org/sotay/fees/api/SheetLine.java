package org.sotay.fees.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/**
 * A member on a cell's collection sheet for a month; the payment fields are empty until paid.
 * {@code unpaidMonths} counts the months of that year, already over, this member is on a sheet for
 * and has not paid.
 */
public record SheetLine(@Required String memberId, @Required String fullName, @Required String period, boolean paid, PaymentMethod method,
        FeeCategory category, Long incomeDong, Long amountDong, String recordedBy, Instant recordedAt, int unpaidMonths) {
}
