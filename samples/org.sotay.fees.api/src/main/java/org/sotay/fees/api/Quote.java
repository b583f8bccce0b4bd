package org.sotay.fees.api;

import org.sotay.core.api.Required;
import org.sotay.core.api.Text;

/**
 * A month's dues for a declared income basis: {@code amountDong} = {@code incomeDong} ×
 * {@code rateBasisPoints} / 10,000, rounded half up to a multiple of {@code roundingDong}; or the
 * flat amount ({@code flatDong}) of a student, whatever the income.
 */
public record Quote(@Required FeeCategory category, long incomeDong, int rateBasisPoints, long flatDong, long roundingDong,
        long amountDong, @Required Text rule) {
}
