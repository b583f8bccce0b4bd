package org.sotay.meetings.impl.internal;

import java.util.List;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.Membership;
import org.sotay.registry.api.RegistryEvents;
import org.sotay.registry.api.TransferKind;

/**
 * Keeps {@code MTG_ATTACHMENT}, the members temporarily attached to a cell, from the registry's
 * transfer events (through the outbox: at least once, on one node): the member's memberships are
 * read again through the registry's API and the attachments set to what they say, so a second
 * delivery changes nothing. The work runs on the scheduler, so the handler returns at once.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + RegistryEvents.MEMBER_TRANSFERRED)
public class TransferListener implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TransferListener.class);
    private final JpaTemplate jpa;
    private final MemberService members;
    private final CallerContext callers;
    private final OrgTree tree;
    private final Scheduler scheduler;
    private final java.time.Clock clock;

    @Activate
    public TransferListener(@Reference MeetingsSchema schema, @Reference(target = "(osgi.unit.name=sotay-meetings)") JpaTemplate jpa,
            @Reference MemberService members, @Reference CallerContext callers, @Reference OrgTree tree, @Reference Scheduler scheduler,
            @Reference java.time.Clock clock) {
        this.jpa = jpa;
        this.members = members;
        this.callers = callers;
        this.tree = tree;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void handleEvent(Event event) {
        Object id = event.getProperty(RegistryEvents.ID);
        if (id instanceof String memberId) {
            scheduler.execute("meetings.registry-events", control -> refresh(memberId));
        }
    }

    /** Sets the member's attachments to the temporary memberships the registry has now. */
    void refresh(String memberId) throws Exception {
        List<String> roots = tree.roots();
        if (roots.isEmpty()) {
            return;
        }
        ModuleCaller reader = new ModuleCaller("attachments", Set.copyOf(roots), Set.of("registry.read"), null);
        Member m;
        List<Membership> memberships;
        try {
            m = callers.runAs(reader, () -> members.get(memberId));
            memberships = callers.runAs(reader, () -> members.memberships(memberId));
        } catch (org.sotay.core.api.SotayException gone) {
            memberships = List.of();
            m = null;
        }
        Member member = m;
        List<Membership> temporary = memberships.stream().filter(ms -> TransferKind.TEMPORARY.name().equals(ms.kind())).toList();
        long now = clock.millis();
        jpa.tx(TransactionType.Required, em -> {
            em.createQuery("DELETE FROM AttachmentEntity a WHERE a.memberId = :m").setParameter("m", memberId).executeUpdate();
            if (member == null || !member.status().active()) {
                return;
            }
            for (Membership ms : temporary) {
                AttachmentEntity a = new AttachmentEntity();
                a.memberId = memberId;
                a.unitId = ms.unitId();
                a.validFrom = ms.validFrom();
                a.validTo = ms.validTo();
                a.fullName = member.fullName();
                a.official = member.status() != MemberStatus.PROBATIONARY;
                a.updatedMs = now;
                em.persist(a);
            }
        });
        LOG.debug("Attachments of member {}: {}", memberId, temporary.size());
    }
}
