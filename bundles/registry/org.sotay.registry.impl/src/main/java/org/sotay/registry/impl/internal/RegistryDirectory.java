package org.sotay.registry.impl.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.osgi.service.event.EventConstants;
import org.sotay.core.api.audit.AuditTrail;
import org.sotay.core.api.events.EventOutbox;
import org.sotay.core.api.security.OrgTree;
import org.sotay.registry.api.MemberDirectory;
import org.sotay.registry.api.MemberRef;
import org.sotay.registry.api.RegistryEvents;

/**
 * The registry as trusted modules see it: unit lineage for authorization and audit
 * ({@link OrgTree}), and member look-ups and flags for the identity module ({@link MemberDirectory}).
 * Lineages are cached for {@link #CACHE_MILLIS} because every authorization decision asks for one:
 * dropped at once on the node that restructures (and on the node that handles the outbox event);
 * other nodes see the new tree when their entries expire. Code reacting to a restructuring asks
 * {@link #currentLineage}, which never uses the cache.
 */
@Component(service = { OrgTree.class, MemberDirectory.class, EventHandler.class, RegistryDirectory.class }, property = { EventConstants.EVENT_TOPIC + "=" + RegistryEvents.UNIT_RESTRUCTURED, EventConstants.EVENT_TOPIC + "=" + RegistryEvents.UNIT_CREATED })
public class RegistryDirectory implements OrgTree, MemberDirectory, EventHandler {
    /** Another node's restructuring reaches this one's cache within this time. */
    static final long CACHE_MILLIS = 30_000;

    private record Cached(List<String> lineage, long at) {
    }

    private final JpaTemplate jpa;
    private final AuditTrail audit;
    private final Map<String, Cached> lineages = new ConcurrentHashMap<>();

    @Reference
    private EventOutbox outbox;

    @Activate
    public RegistryDirectory(@Reference RegistrySchema schema, @Reference(target = "(osgi.unit.name=sotay-registry)") JpaTemplate jpa,
            @Reference AuditTrail audit) {
        this.jpa = jpa;
        this.audit = audit;
    }

    @Override
    public List<String> lineage(String unitId) {
        if (unitId == null || unitId.isBlank() || unitId.length() > 36) {
            return List.of();
        }
        long now = System.currentTimeMillis();
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
        return paths.isEmpty() ? List.of() : Audit.lineage(paths.get(0));
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

    /** Drops the cached lineages: called by this node's restructuring before it announces the change. */
    void forget() {
        lineages.clear();
    }

    @Override
    public Optional<MemberRef> byCardNumber(String cardNumber) {
        String card = MemberRules.normaliseCard(cardNumber);
        if (card == null || card.isEmpty()) {
            return Optional.empty();
        }
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery("SELECT m FROM MemberEntity m WHERE m.cardNumber = :c",
                MemberEntity.class).setParameter("c", card).getResultList().stream().findFirst().map(RegistryDirectory::ref));
    }

    @Override
    public Optional<MemberRef> byId(String memberId) {
        if (memberId == null) {
            return Optional.empty();
        }
        return jpa.txExpr(TransactionType.Required, em -> Optional.ofNullable(em.find(MemberEntity.class, memberId)).map(RegistryDirectory::ref));
    }

    @Override
    public void accountRegistered(String memberId, LocalDate on) {
        flag(memberId, on, true);
    }

    @Override
    public void appInstalled(String memberId, LocalDate on) {
        flag(memberId, on, false);
    }

    private void flag(String memberId, LocalDate on, boolean account) {
        LocalDate day = on == null ? LocalDate.now() : on;
        jpa.tx(TransactionType.Required, em -> {
            MemberEntity m = em.find(MemberEntity.class, memberId);
            if (m == null || (account ? m.accountRegistered : m.appInstalled)) {
                return;
            }
            if (account) {
                m.accountRegistered = true;
                m.accountRegisteredOn = day;
            } else {
                m.appInstalled = true;
                m.appInstalledOn = day;
            }
            m.updatedAt = Timestamp.from(Instant.now());
            record(em, m, account ? "member.account-registered" : "member.app-installed", "on " + day);
            em.flush();
        });
    }

    private void record(EntityManager em, MemberEntity m, String action, String summary) {
        Events.publish(outbox, em, RegistryEvents.MEMBER_UPDATED, m.id, m.cellId);
        Audit.record(audit, em, action, "member", m.id, m.cellId, summary);
    }

    private static MemberRef ref(MemberEntity m) {
        return new MemberRef(m.id, m.cardNumber, m.fullName, m.dateOfBirth, m.cellId, m.status, m.accountRegistered, m.appInstalled);
    }
}
