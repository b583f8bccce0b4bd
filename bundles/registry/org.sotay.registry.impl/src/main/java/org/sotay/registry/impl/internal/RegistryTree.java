package org.sotay.registry.impl.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.sotay.core.api.security.OrgTree;
import org.sotay.registry.api.RegistryEvents;

/**
 * The tree as the security layer and the audit trail need it ({@link OrgTree}): where a unit sits,
 * ids only. Lineages are cached for {@link #CACHE_MILLIS} because every authorization decision asks
 * for one: dropped at once on the node that restructures (and on the node that handles the outbox
 * event); other nodes see the new tree when their entries expire. Code reacting to a restructuring
 * asks {@link #currentLineage}, which never uses the cache.
 */
@Component(service = { OrgTree.class, EventHandler.class, RegistryTree.class }, property = {
        EventConstants.EVENT_TOPIC + "=" + RegistryEvents.UNIT_RESTRUCTURED, EventConstants.EVENT_TOPIC + "=" + RegistryEvents.UNIT_CREATED,
        "sotay.replaceable=org.sotay.core.api.security.OrgTree" })
public class RegistryTree implements OrgTree, EventHandler {
    /** Another node's restructuring reaches this one's cache within this time. */
    static final long CACHE_MILLIS = 30_000;

    private record Cached(List<String> lineage, long at) {
    }

    private final JpaTemplate jpa;
    private final Map<String, Cached> lineages = new ConcurrentHashMap<>();

    @Activate
    public RegistryTree(@Reference RegistrySchema schema, @Reference(target = "(osgi.unit.name=sotay-registry)") JpaTemplate jpa) {
        this(jpa);
    }

    /** Outside OSGi (tests). */
    RegistryTree(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    @Override
    public List<String> lineage(String unitId) {
        if (unitId == null || unitId.isBlank() || unitId.length() > 36) {
            return List.of();
        }
        long now = System.nanoTime() / 1_000_000;
        Cached c = lineages.get(unitId);
        if (c != null && now - c.at < CACHE_MILLIS) {
            return c.lineage;
        }
        List<String> lineage = currentLineage(unitId);
        if (lineages.size() > 50_000) {
            lineages.clear();
        }
        lineages.put(unitId, new Cached(lineage, now));
        return lineage;
    }

    @Override
    public List<String> currentLineage(String unitId) {
        if (unitId == null || unitId.isBlank() || unitId.length() > 36) {
            return List.of();
        }
        List<String> paths = jpa.txExpr(TransactionType.Required, em -> em
                .createQuery("SELECT u.path FROM UnitEntity u WHERE u.id = :id", String.class).setParameter("id", unitId).getResultList());
        return paths.isEmpty() ? List.of() : Units.lineage(paths.get(0));
    }

    @Override
    public List<String> roots() {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT u.id FROM UnitEntity u WHERE u.parentId IS NULL AND u.validTo IS NULL ORDER BY u.code", String.class).getResultList());
    }

    @Override
    public void handleEvent(Event event) {
        forget();
    }

    /** Drops the cached lineages: called by this node's restructuring right after it commits. */
    void forget() {
        lineages.clear();
        Units.forgetPaths();
    }
}
