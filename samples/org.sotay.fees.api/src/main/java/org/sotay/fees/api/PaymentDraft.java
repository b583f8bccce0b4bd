package org.sotay.fees.api;

/**
 * One member's dues for the sheet's month, as a client records them: the amount is computed from
 * {@code category} and the declared {@code incomeDong} (not needed for a student).
 */
public record PaymentDraft(String memberId, PaymentMethod method, FeeCategory category, Long incomeDong) {
}
