package org.sotay.identity.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.api.jobs.Scheduler;

/**
 * Sessions ended before their access tokens expire. Revocations are written to IDN_REVOKED in the
 * transaction that ends the session, and every node re-reads the live ones every
 * {@link #POLL_SECONDS} seconds into memory, so a request is still checked without the database:
 * an ended session's access token stops working on this node at once and on the others within
 * a few seconds.
 */
@Component(service = Revocations.class, immediate = true)
public class Revocations {
    private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);
    static final int POLL_SECONDS = 5;

    private final JpaTemplate jpa;
    private final Settings settings;
    private final Clock clock;
    private volatile Set<String> families = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Long> accountsBefore = new ConcurrentHashMap<>();
    private final Scheduler.Handle poll;

    @Activate
    public Revocations(@Reference IdentitySchema schema, @Reference(target = "(osgi.unit.name=sotay-identity)") JpaTemplate jpa,
            @Reference Settings settings, @Reference Clock clock, @Reference Scheduler scheduler) {
        this.jpa = jpa;
        this.settings = settings;
        this.clock = clock;
        reload();
        // every node keeps its own copy: on every node, not once in the cluster
        this.poll = scheduler == null ? null : scheduler.schedule(Schedule.onEveryNode("identity.revocations",
                Duration.ofSeconds(POLL_SECONDS)).after(Duration.ofSeconds(POLL_SECONDS)), c -> reload());
    }

    /** Outside OSGi (tests): reloads when {@link #reload()} is called. */
    Revocations(JpaTemplate jpa, Settings settings, Clock clock) {
        this(null, jpa, settings, clock, null);
    }

    @Deactivate
    void stop() {
        if (poll != null) {
            poll.cancel();
        }
    }

    /** Whether a token of {@code session} for {@code account}, issued at {@code issuedMs}, was revoked since. */
    boolean revoked(String account, String session, long issuedMs) {
        if (session != null && families.contains(session)) {
            return true;
        }
        Long before = accountsBefore.get(account);
        return before != null && issuedMs <= before;
    }

    /** Ends these sessions' access tokens too (in the caller's transaction). */
    void families(EntityManager em, Collection<String> familyIds, String accountId, long now) {
        for (String f : familyIds) {
            insert(em, f, accountId, now);
        }
        // this node knows at once; the others at their next read
        families.addAll(familyIds);
    }

    /** Ends every access token of the account issued until now (in the caller's transaction). */
    void account(EntityManager em, String accountId, long now) {
        insert(em, null, accountId, now);
        accountsBefore.merge(accountId, now, Math::max);
    }

    private void insert(EntityManager em, String family, String account, long now) {
        long expires = now + (settings.config().accessTokenSeconds() + Jwt.SKEW_SECONDS) * 1000L;
        try (PreparedStatement ps = em.unwrap(Connection.class).prepareStatement(
                "INSERT INTO IDN_REVOKED (ID, FAMILY_ID, ACCOUNT_ID, REVOKED_MS, EXPIRES_MS) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, family);
            ps.setString(3, account);
            ps.setLong(4, now);
            ps.setLong(5, expires);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the revocation: " + e.getMessage(), e);
        }
    }

    void reload() {
        long now = clock.millis();
        try {
            jpa.tx(TransactionType.Required, em -> {
                Set<String> f = ConcurrentHashMap.newKeySet();
                Map<String, Long> a = new ConcurrentHashMap<>();
                try (PreparedStatement ps = em.unwrap(Connection.class).prepareStatement(
                        "SELECT FAMILY_ID, ACCOUNT_ID, REVOKED_MS FROM IDN_REVOKED WHERE EXPIRES_MS > ?")) {
                    ps.setLong(1, now);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getString(1) != null) {
                                f.add(rs.getString(1));
                            } else {
                                a.merge(rs.getString(2), rs.getLong(3), Math::max);
                            }
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                families = f;
                accountsBefore = a;
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not read the revoked sessions, keeping the last list: {}", e.toString());
        }
    }

    /** Rows whose tokens have all expired. */
    int purge(EntityManager em, long now) {
        return em.createNativeQuery("DELETE FROM IDN_REVOKED WHERE EXPIRES_MS < ?").setParameter(1, now).executeUpdate();
    }
}
