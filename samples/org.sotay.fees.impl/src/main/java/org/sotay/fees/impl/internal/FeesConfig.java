package org.sotay.fees.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code org.sotay.fees} ({@code etc/org.sotay.fees.cfg}, shipped by the feature):
 * the rates of Regulation 01-QĐ/TW of 2026, applied live. Rates are in basis points (1/100 of a
 * percent: 100 = 1%), amounts in whole đồng.
 */
@ObjectClassDefinition(id = FeesConfig.PID, name = "Sotay party fees", description = "Rates of the monthly party fees and the arrears warning")
@interface FeesConfig {
    String PID = "org.sotay.fees";

    @AttributeDefinition(description = "Share of the insured salary, in basis points (100 = 1%)", min = "0", max = "10000")
    int salaryRateBasisPoints() default 100;

    @AttributeDefinition(description = "Share of a sickness or maternity benefit received instead of a salary, in basis points", min = "0", max = "10000")
    int benefitRateBasisPoints() default 100;

    @AttributeDefinition(description = "Share of a pension, in basis points (50 = 0.5%)", min = "0", max = "10000")
    int pensionRateBasisPoints() default 50;

    @AttributeDefinition(description = "Flat monthly amount of a student, in đồng", min = "0")
    long studentFlatDong() default 5000;

    @AttributeDefinition(description = "A computed amount is rounded half up to a multiple of this many đồng (1: to the đồng)", min = "1")
    long roundingDong() default 1;

    @AttributeDefinition(description = "Largest monthly income basis accepted, in đồng (a larger one is refused as a typing error)", min = "1")
    long maxIncomeDong() default 10_000_000_000L;

    @AttributeDefinition(description = "Unpaid months in a calendar year that raise the arrears warning", min = "1", max = "12")
    int arrearsMonths() default 3;

    @AttributeDefinition(description = "How often the arrears of every cell are checked, in minutes (once in the cluster)", min = "1")
    int arrearsCheckMinutes() default 60;
}
