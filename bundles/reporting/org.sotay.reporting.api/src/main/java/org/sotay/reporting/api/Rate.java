package org.sotay.reporting.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A share: {@code numerator} of {@code denominator}, {@code percent} rounded half up to one decimal
 * ({@code null} when the denominator is 0). A value over 100% is shown as it is, never capped:
 * {@code over100} says so and {@code reason} says why.
 */
public record Rate(long numerator, long denominator, BigDecimal percent, boolean over100, Note reason) {

    /** The share, with no reason attached. */
    public static Rate of(long numerator, long denominator) {
        return of(numerator, denominator, null);
    }

    /** The share; {@code reason} is kept only when the share passes 100%. */
    public static Rate of(long numerator, long denominator, Note reason) {
        BigDecimal percent = denominator <= 0 ? null
                : BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
        boolean over = denominator > 0 && numerator > denominator;
        return new Rate(numerator, denominator, percent, over, over ? reason : null);
    }
}
