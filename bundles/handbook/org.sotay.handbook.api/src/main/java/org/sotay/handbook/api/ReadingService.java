package org.sotay.handbook.api;

import java.util.List;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/**
 * Mandatory reading. Reads are the member's own ({@link org.sotay.core.api.security.Caller#memberId()}), idempotent
 * (the first stands), or recorded on a member's behalf; rates are counted per unit, exempt members left out.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ReadingService {
    /** The caller's mandatory items not read yet, nearest deadline first. */
    Page<ItemSummary> toRead(PageRequest page);

    ReadResult read(String itemId, ReadReceipt receipt);

    /** Each receipt on its own: one that names an unknown item is {@code not-found} and the others are still recorded. */
    List<ReadResult> readAll(ReadBatch batch);

    ReadResult readOnBehalf(String itemId, OnBehalfRead read);

    /** Rates at {@code unitId} (default: the caller's first unit) and its children. */
    ReadingRates rates(String itemId, String unitId);

    /** Who in {@code cellId} has not read the item: only for a caller holding {@link HandbookPermissions#READING_NAMES} at that cell. */
    List<UnreadMember> unread(String itemId, String cellId);
}
