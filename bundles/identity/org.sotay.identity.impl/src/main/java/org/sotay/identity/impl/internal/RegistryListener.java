package org.sotay.identity.impl.internal;

import java.util.List;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.osgi.service.event.EventConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.registry.api.directory.MemberDirectory;
import org.sotay.registry.api.directory.MemberRef;
import org.sotay.registry.api.RegistryEvents;

/**
 * Keeps each account's home unit and path in step with the registry: a transferred member's
 * account follows them to the new cell; accounts under a restructured unit get their new path (and
 * a member moved by a merge or split, their new cell).
 * (Sign-in refreshes a member's home unit too, so a missed event heals at the next sign-in.)
 */
@Component(service = EventHandler.class, property = { EventConstants.EVENT_TOPIC + "=" + RegistryEvents.MEMBER_TRANSFERRED, EventConstants.EVENT_TOPIC + "=" + RegistryEvents.UNIT_RESTRUCTURED })
public class RegistryListener implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryListener.class);
    static final String POOL = "identity.registry-events";

    private final JpaTemplate jpa;
    private final OrgTree tree;
    private final MemberDirectory directory;
    private final Scheduler scheduler;

    @Activate
    public RegistryListener(@Reference IdentitySchema schema, @Reference(target = "(osgi.unit.name=sotay-identity)") JpaTemplate jpa,
            @Reference OrgTree tree, @Reference MemberDirectory directory, @Reference Scheduler scheduler) {
        this.jpa = jpa;
        this.tree = tree;
        this.directory = directory;
        this.scheduler = scheduler;
    }

    /**
     * Returns at once (Event Admin stops delivering to a handler that takes longer than its timeout,
     * 5 s): the work runs on the scheduler's pool of this listener, one event at a time, in order.
     */
    @Override
    public void handleEvent(Event event) {
        scheduler.execute(POOL, c -> {
            try {
                follow(event);
            } catch (RuntimeException e) {
                LOG.warn("Accounts not updated after {}: {} (they follow at the member's next sign-in)", event.getTopic(), e.toString());
            }
        });
    }

    private void follow(Event event) {
        if (RegistryEvents.MEMBER_TRANSFERRED.equals(event.getTopic())) {
            String memberId = (String) event.getProperty(RegistryEvents.ID);
            MemberRef m = directory.byId(memberId).orElse(null);
            if (m != null) {
                List<String> lineage = tree.currentLineage(m.cellId());
                jpa.tx(TransactionType.Required, em -> em.createQuery(
                        "UPDATE AccountEntity a SET a.homeUnitId = :u, a.homeUnitPath = :p WHERE a.memberId = :m")
                        .setParameter("u", m.cellId()).setParameter("p", OrgTree.path(lineage)).setParameter("m", memberId).executeUpdate());
            }
            return;
        }
        Object units = event.getProperty(RegistryEvents.UNITS);
        if (units instanceof String[] ids) {
            jpa.tx(TransactionType.Required, em -> {
                for (String unit : ids) {
                    List<AccountEntity> affected = em.createQuery("SELECT a FROM AccountEntity a WHERE a.homeUnitPath LIKE :p", AccountEntity.class)
                            .setParameter("p", "%/" + unit + "/%").getResultList();
                    for (AccountEntity a : affected) {
                        // a merge or split moves members without a transfer: follow the member to their cell now
                        String home = a.homeUnitId;
                        if (a.memberId != null) {
                            home = directory.byId(a.memberId).map(MemberRef::cellId).orElse(home);
                        }
                        List<String> lineage = tree.currentLineage(home);
                        if (!lineage.isEmpty()) {
                            a.homeUnitId = home;
                            a.homeUnitPath = OrgTree.path(lineage);
                        }
                    }
                }
            });
        }
    }
}
