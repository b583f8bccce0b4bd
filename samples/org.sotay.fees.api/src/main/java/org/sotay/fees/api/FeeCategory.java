package org.sotay.fees.api;

/**
 * What a member's monthly dues are computed from (Regulation 01-QĐ/TW of 2026; the rates are
 * configuration, PID {@code org.sotay.fees}).
 */
public enum FeeCategory {
    /** A share of the insured salary (1% today). */
    INSURED_SALARY,
    /** A share of a sickness or maternity benefit received instead of a salary (1% today). */
    BENEFIT,
    /** A share of a pension (0.5% today). */
    PENSION,
    /** A flat amount for students (5,000 đ today); no income is declared. */
    STUDENT
}
