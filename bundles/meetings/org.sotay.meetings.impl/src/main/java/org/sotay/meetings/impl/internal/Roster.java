package org.sotay.meetings.impl.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.meetings.api.MemberCategory;
import org.sotay.meetings.api.Standing;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.Membership;
import org.sotay.registry.api.TransferKind;

/**
 * A cell's roster from the registry's exported API, never its tables: the active members whose home
 * cell it is (probationary, official, exempt; those on a temporary assignment elsewhere are away), and
 * the members temporarily attached to it ({@code MTG_ATTACHMENT}, kept from the registry's transfer
 * events). Read as the module itself with {@code registry.read} at that cell only, once the caller's
 * right to the cell's meeting was checked.
 */
@Component(service = Roster.class)
public class Roster {
    private final MemberService members;
    private final CallerContext callers;
    private final JpaTemplate jpa;
    private final MeetingsSettings settings;

    @Activate
    public Roster(@Reference MeetingsSchema schema, @Reference MemberService members, @Reference CallerContext callers,
            @Reference(target = "(osgi.unit.name=sotay-meetings)") JpaTemplate jpa, @Reference MeetingsSettings settings) {
        this(members, callers, jpa, settings);
    }

    Roster(MemberService members, CallerContext callers, JpaTemplate jpa, MeetingsSettings settings) {
        this.members = members;
        this.callers = callers;
        this.jpa = jpa;
        this.settings = settings;
    }

    /** The roster of {@code cellId} on {@code date}, in Vietnamese name order (the registry's). */
    List<RosterMember> of(String cellId, LocalDate date) {
        Map<String, RosterMember> out = new LinkedHashMap<>();
        Caller reader = ModuleCaller.reader("roster", cellId);
        List<Member> home = as(reader, () -> {
            List<Member> all = new ArrayList<>();
            for (int offset = 0;; offset += PageRequest.MAX_LIMIT) {
                Page<Member> page = members.search(new MemberQuery(null, cellId, null, null, null, null), PageRequest.of(offset, PageRequest.MAX_LIMIT));
                all.addAll(page.getItems());
                if (page.getNextOffset() == null) {
                    return all;
                }
            }
        });
        for (Member m : home) {
            if (!m.status().active() || !cellId.equals(m.cellId())) {
                continue;
            }
            boolean away = as(reader, () -> awayOn(members.memberships(m.id()), cellId, date));
            Standing standing = away ? Standing.AWAY : m.status() == MemberStatus.EXEMPT ? Standing.EXEMPT : Standing.ACTIVE;
            MemberCategory category = m.status() == MemberStatus.PROBATIONARY ? MemberCategory.PROBATIONARY : MemberCategory.OFFICIAL;
            out.put(m.id(), new RosterMember(m.id(), m.fullName(), category, standing, category == MemberCategory.OFFICIAL));
        }
        boolean attachedVote = settings.config().attachedMembersVote();
        jpa.txExpr(TransactionType.Required, em -> em.createQuery("SELECT a FROM AttachmentEntity a WHERE a.unitId = :u AND a.validFrom <= :d"
                + " AND (a.validTo IS NULL OR a.validTo > :d) ORDER BY a.fullName", AttachmentEntity.class).setParameter("u", cellId)
                .setParameter("d", date).getResultList()).forEach(a -> out.putIfAbsent(a.memberId,
                        new RosterMember(a.memberId, a.fullName, MemberCategory.ATTACHED, Standing.ACTIVE, a.official && attachedVote)));
        return new ArrayList<>(out.values());
    }

    /** Whether a temporary membership elsewhere covers {@code date}. */
    static boolean awayOn(List<Membership> memberships, String cellId, LocalDate date) {
        for (Membership ms : memberships) {
            if (TransferKind.TEMPORARY.name().equals(ms.kind()) && !cellId.equals(ms.unitId()) && !ms.validFrom().isAfter(date)
                    && (ms.validTo() == null || ms.validTo().isAfter(date))) {
                return true;
            }
        }
        return false;
    }

    /** One member of the cell (home or attached), or {@code null}. */
    RosterMember member(String cellId, String memberId, LocalDate date) {
        for (RosterMember m : of(cellId, date)) {
            if (m.memberId().equals(memberId)) {
                return m;
            }
        }
        return null;
    }

    /** The calling member's own record (their cell and status), whatever registry permissions they hold; {@code null} for an account that is no member's. */
    Member self() {
        if (callers.current().memberId() == null) {
            return null;
        }
        try {
            return members.self();
        } catch (SotayException e) {
            return null;
        }
    }

    /** The units a member is temporarily attached to on {@code date}. */
    List<String> attachedUnits(String memberId, LocalDate date) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery("SELECT a.unitId FROM AttachmentEntity a WHERE a.memberId = :m"
                + " AND a.validFrom <= :d AND (a.validTo IS NULL OR a.validTo > :d)", String.class).setParameter("m", memberId)
                .setParameter("d", date).getResultList());
    }

    /** A member's current record read as the module with {@code registry.read} at {@code unitIds}. */
    Member read(Set<String> unitIds, String memberId) {
        return as(new ModuleCaller("reader", unitIds, Set.of("registry.read"), null), () -> members.get(memberId));
    }

    /** Runs {@code work} as {@code caller}; a service's own exception passes unchanged. */
    <T> T as(Caller caller, java.util.concurrent.Callable<T> work) {
        try {
            return callers.runAs(caller, work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
