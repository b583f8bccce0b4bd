package org.sotay.core.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The organization tree as the security layer needs it: where a unit sits. The registry module
 * provides it; the authorization service and the audit trail use it to decide whether a unit lies
 * in a subtree. It reveals unit ids only, never names or members, and is not scoped to a caller.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface OrgTree {
    /** The ids from the root down to {@code unitId} inclusive; empty when there is no such unit. */
    List<String> lineage(String unitId);

    /**
     * The lineage as the database has it this instant, bypassing any cache: for code reacting to a
     * restructuring, which may run on a node whose cache has not yet heard of it.
     */
    default List<String> currentLineage(String unitId) {
        return lineage(unitId);
    }

    /** The ids of the open root units (one per deployment, as a rule). */
    List<String> roots();

    /**
     * The materialized paths of the subtrees rooted at {@code roots} (for instance
     * {@code caller.unitsFor(permission)}), unknown units left out: what a query of another module
     * filters its own path column by ({@code PATH LIKE '<path>%'}).
     */
    default List<String> paths(Collection<String> roots) {
        List<String> out = new ArrayList<>();
        for (String root : roots) {
            List<String> lineage = lineage(root);
            if (!lineage.isEmpty()) {
                out.add(path(lineage));
            }
        }
        return out;
    }

    /** The lineage as one materialized path, {@code /root/.../unitId/}; empty text for no unit. */
    static String path(List<String> lineage) {
        if (lineage == null || lineage.isEmpty()) {
            return "";
        }
        return "/" + String.join("/", lineage) + "/";
    }
}
