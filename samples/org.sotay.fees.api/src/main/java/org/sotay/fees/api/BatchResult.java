package org.sotay.fees.api;

import java.util.List;

import org.sotay.core.api.Required;

/** What a batch did: {@code recorded} new payments, {@code unchanged} ones recorded before with the same amount. */
public record BatchResult(int recorded, int unchanged, @Required List<SheetLine> lines) {
}
