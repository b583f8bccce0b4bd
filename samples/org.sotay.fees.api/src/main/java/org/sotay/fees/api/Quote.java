package org.sotay.fees.api;

import org.sotay.core.api.Required;

/**
 * A month's dues for a declared income basis: {@code amountDong} = {@code incomeDong} ×
 * {@code rateBasisPoints} / 10,000, rounded half up to a multiple of {@code roundingDong}; or the
 * flat amount ({@code flatDong}) of a student, whatever the income. The rule is told in Vietnamese
 * ({@code ruleVi}) and English ({@code ruleEn}), as reports' titles are.
 */
public record Quote(@Required FeeCategory category, long incomeDong, int rateBasisPoints, long flatDong, long roundingDong,
        long amountDong, @Required String ruleVi, @Required String ruleEn) {
}
