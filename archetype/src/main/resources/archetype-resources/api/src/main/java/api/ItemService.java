#set( $symbol_pound = '#' )
#set( $symbol_dollar = '$' )
package ${package}.api;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/**
 * The items of the caller's subtrees: an item of a unit outside them is not found. Every write is one
 * transaction with its audit line and its event ({@link ${moduleClass}Events}).
 */
@org.osgi.annotation.versioning.ProviderType
public interface ItemService {
    /** Newest first, of the whole scope or of {@code unitId}'s subtree. */
    Page<Item> list(String unitId, PageRequest page);

    /** @throws org.sotay.core.api.SotayException not-found */
    Item get(String id);

    /** @throws org.sotay.core.api.SotayException validation, not-found (the unit) */
    Item create(ItemDraft draft);

    /** @throws org.sotay.core.api.SotayException validation, not-found, stale-version */
    Item update(String id, ItemDraft draft);
}
