package org.sotay.handbook.api.documents;

import java.util.Collection;
import java.util.Map;

/**
 * The handbook's answer to "is this item there for the members of this unit?". It knows nothing of
 * the calling module's caller: the caller checks its own user's right to {@code unitId} first (the
 * meetings module: the meeting's cell). It reveals only items addressed to every member of the unit
 * (not limited to roles) that are published or scheduled; any other id, unknown, draft, withdrawn or
 * addressed elsewhere, is simply absent, so the answer says nothing about content the unit's
 * members cannot see.
 */
@org.osgi.annotation.versioning.ProviderType
public interface HandbookDocuments {
    /** For each of {@code itemIds} visible (or scheduled) to the members of {@code unitId}: its status there. At most 200 ids. */
    Map<String, DocumentStatus> statusAt(String unitId, Collection<String> itemIds);

    /** The content of those of {@code itemIds} that the members of {@code unitId} can read now, in the order asked. At most 200 ids. */
    java.util.List<DocumentContent> contentAt(String unitId, Collection<String> itemIds);
}
