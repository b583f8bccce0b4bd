package org.sotay.fees.api;

import java.util.List;

/** The payments of one sheet, recorded all or nothing (at most {@link #MAX} lines). */
public record PaymentBatch(List<PaymentDraft> payments) {
    public static final int MAX = 500;
}
