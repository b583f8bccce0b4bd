package org.sotay.identity.impl.internal;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.sotay.core.api.persistence.Journal;
import org.sotay.identity.api.Account;
import org.sotay.identity.api.Grant;
import org.sotay.identity.api.IdentityEvents;

/** Queries and writes shared by the identity services, inside their transactions. */
final class Store {
    static final String MODULE = "identity";

    private Store() {
    }

    /** Column width of IDN_ACCOUNT.NAME_KEY. */
    static final int NAME_KEY_MAX = 300;

    /** The stored search key of a name: folded, cut to its column (a name of letters that decompose can fold longer). */
    static String nameKey(String name) {
        String k = org.sotay.core.api.VietnameseText.fold(name);
        return k == null || k.length() <= NAME_KEY_MAX ? k : k.substring(0, NAME_KEY_MAX);
    }

    static AccountEntity byUsername(EntityManager em, String username) {
        List<AccountEntity> found = em.createQuery("SELECT a FROM AccountEntity a WHERE a.username = :u", AccountEntity.class)
                .setParameter("u", username).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    static AccountEntity byMember(EntityManager em, String memberId) {
        List<AccountEntity> found = em.createQuery("SELECT a FROM AccountEntity a WHERE a.memberId = :m", AccountEntity.class)
                .setParameter("m", memberId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    static List<GrantEntity> grants(EntityManager em, String accountId) {
        return em.createQuery("SELECT g FROM GrantEntity g WHERE g.accountId = :a ORDER BY g.grantedMs", GrantEntity.class)
                .setParameter("a", accountId).getResultList();
    }

    static Account toDto(EntityManager em, AccountEntity a, long now) {
        List<Grant> grants = grants(em, a.id).stream().map(GrantEntity::toDto).toList();
        return a.toDto(grants, now);
    }

    /**
     * Ends every live session of the account but {@code exceptFamily}: its refresh tokens are revoked
     * and its access tokens listed as revoked. Returns how many refresh tokens were revoked.
     */
    static int revokeSessions(EntityManager em, Revocations revocations, String accountId, String exceptFamily, long now) {
        List<String> live = em.createQuery("SELECT DISTINCT r.familyId FROM RefreshTokenEntity r WHERE r.accountId = :a"
                + " AND r.revokedMs IS NULL AND r.expiresMs > :now", String.class).setParameter("a", accountId).setParameter("now", now)
                .getResultList().stream().filter(f -> !f.equals(exceptFamily)).toList();
        revocations.families(em, live, accountId, now);
        javax.persistence.Query q = em.createQuery("UPDATE RefreshTokenEntity r SET r.revokedMs = :now WHERE r.accountId = :a"
                + " AND r.revokedMs IS NULL" + (exceptFamily == null ? "" : " AND r.familyId <> :f"))
                .setParameter("now", now).setParameter("a", accountId);
        if (exceptFamily != null) {
            q.setParameter("f", exceptFamily);
        }
        return q.executeUpdate();
    }

    /** Ends one session: its refresh tokens are revoked and its access tokens listed as revoked. */
    static int revokeFamily(EntityManager em, Revocations revocations, String familyId, String accountId, long now) {
        revocations.families(em, List.of(familyId), accountId, now);
        return em.createQuery("UPDATE RefreshTokenEntity r SET r.revokedMs = :now WHERE r.familyId = :f AND r.revokedMs IS NULL")
                .setParameter("now", now).setParameter("f", familyId).executeUpdate();
    }

    static boolean adminExists(EntityManager em, LocalDate today) {
        return em.createQuery("SELECT g FROM GrantEntity g WHERE g.role = org.sotay.identity.api.Role.PROVINCIAL_ADMIN", GrantEntity.class)
                .getResultList().stream().anyMatch(g -> g.activeOn(today));
    }

    /** The audit lines and outbox events of one identity transaction, on its connection. */
    static Journal.Entries log(Journal journal, EntityManager em) {
        return journal.in(MODULE, em.unwrap(Connection.class));
    }

    /** Queues an identity event in the transaction of the change. */
    static void event(Journal.Entries log, String topic, String accountId, String memberId) {
        Map<String, Object> props = new HashMap<>();
        props.put(IdentityEvents.ACCOUNT_ID, accountId);
        if (memberId != null) {
            props.put(IdentityEvents.MEMBER_ID, memberId);
        }
        log.event(topic, props);
    }
}
