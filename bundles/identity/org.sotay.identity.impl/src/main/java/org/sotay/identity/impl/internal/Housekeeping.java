package org.sotay.identity.impl.internal;

import java.time.Clock;
import java.time.Duration;

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
 * Forgets what can no longer matter, hourly: refresh tokens a month past their end or revocation,
 * activation codes a month after use or expiry, back-off counters idle for a day, revocations whose
 * tokens have all expired. It runs once in the cluster (a lease in the database); the deletes are
 * idempotent all the same. (The audit trail is never purged here.)
 */
@Component(service = Housekeeping.class, immediate = true)
public class Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private static final long DAY = 86_400_000L;

    private final JpaTemplate jpa;
    private final Revocations revocations;
    private final Clock clock;
    private final Scheduler.Handle handle;

    @Activate
    public Housekeeping(@Reference IdentitySchema schema, @Reference(target = "(osgi.unit.name=sotay-identity)") JpaTemplate jpa,
            @Reference Revocations revocations, @Reference Clock clock, @Reference Scheduler scheduler) {
        this.jpa = jpa;
        this.revocations = revocations;
        this.clock = clock;
        this.handle = scheduler.schedule(Schedule.onceInCluster("identity.housekeeping", Duration.ofHours(1)).after(Duration.ofMinutes(5)),
                c -> sweep());
    }

    @Deactivate
    void stop() {
        handle.cancel();
    }

    void sweep() {
        long now = clock.millis();
        try {
            int[] n = jpa.txExpr(TransactionType.Required, em -> new int[] {
                    em.createQuery("DELETE FROM RefreshTokenEntity r WHERE r.expiresMs < :t OR r.revokedMs < :t")
                            .setParameter("t", now - 30 * DAY).executeUpdate(),
                    em.createQuery("DELETE FROM CodeEntity c WHERE c.expiresMs < :t OR c.usedMs < :t")
                            .setParameter("t", now - 30 * DAY).executeUpdate(),
                    em.createQuery("DELETE FROM ThrottleEntity t WHERE t.lastFailureMs < :t AND t.lockedUntilMs < :now")
                            .setParameter("t", now - DAY).setParameter("now", now).executeUpdate(),
                    revocations.purge(em, now) });
            if (n[0] + n[1] + n[2] + n[3] > 0) {
                LOG.info("Identity housekeeping: {} old refresh tokens, {} old codes, {} idle back-off counters, {} spent revocations removed",
                        n[0], n[1], n[2], n[3]);
            }
        } catch (RuntimeException e) {
            LOG.warn("Identity housekeeping failed, will retry: {}", e.toString());
        }
    }
}
