package org.sotay.handbook.api;

import java.util.List;

import org.sotay.core.api.Required;

/** Several reads at once (an offline client coming back online), at most {@value #MAX}. */
public record ReadBatch(@Required List<ReadReceipt> reads) {
    public static final int MAX = 200;
}
