package org.sotay.identity.impl.internal;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;

/**
 * Back-off for guesses. Per account name (hashed; the same for names that exist and names that do
 * not) in the database, so every node sees it: each attempt is counted <em>before</em> the password
 * is checked, under a row lock, so parallel guesses cannot slip past; after the free attempts each
 * further failure locks the name for a doubling time, during which nothing is checked at all. A
 * success clears it. Per client address in memory, per node: many failures from one address make
 * it wait.
 */
@Component(service = LoginThrottle.class)
public class LoginThrottle {
    private final JpaTemplate jpa;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Deque<Long>> byAddress = new ConcurrentHashMap<>();

    @Activate
    public LoginThrottle(@Reference IdentitySchema schema, @Reference(target = "(osgi.unit.name=sotay-identity)") JpaTemplate jpa,
            @Reference Settings settings, @Reference Clock clock) {
        this(jpa, settings, clock);
    }

    /** Outside OSGi (tests). */
    LoginThrottle(JpaTemplate jpa, Settings settings, Clock clock) {
        this.jpa = jpa;
        this.settings = settings;
        this.clock = clock;
    }

    /** Counts an attempt on {@code key} (committed at once), or throws 429 while the key is locked. */
    void attempt(String key) {
        String hash = Secrets.sha256(key);
        long now = clock.millis();
        IdentityConfig c = settings.config();
        long waitMs;
        try {
            waitMs = jpa.txExpr(TransactionType.Required, em -> count(em, hash, now, c));
        } catch (RuntimeException firstRowRace) {
            // two first failures of a name at once: one inserted the row, the other failed on the key; count again on it
            waitMs = jpa.txExpr(TransactionType.Required, em -> count(em, hash, now, c));
        }
        if (waitMs > 0) {
            throw tooMany(waitMs);
        }
    }

    private static long count(EntityManager em, String hash, long now, IdentityConfig c) {
        ThrottleEntity t = em.find(ThrottleEntity.class, hash, LockModeType.PESSIMISTIC_WRITE);
        if (t == null) {
            t = new ThrottleEntity();
            t.keyHash = hash;
            em.persist(t);
            em.flush();
        }
        if (t.lockedUntilMs > now) {
            return t.lockedUntilMs - now;
        }
        // failures long ago are forgotten
        if (t.failures > 0 && now - t.lastFailureMs > 24L * 3600 * 1000) {
            t.failures = 0;
        }
        t.failures++;
        t.lastFailureMs = now;
        int beyond = t.failures - c.freeAttempts();
        if (beyond >= 0) {
            long delay = Math.min((long) c.lockoutMaxSeconds(), (long) c.lockoutBaseSeconds() << Math.min(beyond, 20)) * 1000L;
            t.lockedUntilMs = now + delay;
        }
        return 0;
    }

    /** The attempt on {@code key} was right: forget its failures. */
    void success(String key) {
        String hash = Secrets.sha256(key);
        jpa.tx(TransactionType.Required, em -> em.createQuery("DELETE FROM ThrottleEntity t WHERE t.keyHash = :k")
                .setParameter("k", hash).executeUpdate());
    }

    /** Throws 429 while {@code address} has too many recent failures. */
    void checkAddress(String address) {
        if (address == null) {
            return;
        }
        IdentityConfig c = settings.config();
        Deque<Long> failures = byAddress.get(address);
        if (failures == null) {
            return;
        }
        long now = clock.millis();
        long window = c.addressWindowSeconds() * 1000L;
        synchronized (failures) {
            while (!failures.isEmpty() && now - failures.peekFirst() > window) {
                failures.pollFirst();
            }
            if (failures.size() >= c.addressMaxFailures()) {
                throw tooMany(failures.peekFirst() + window - now);
            }
        }
    }

    void addressFailure(String address) {
        if (address == null) {
            return;
        }
        if (byAddress.size() > 100_000) {
            byAddress.clear(); // bounded memory under a spray of addresses
        }
        Deque<Long> failures = byAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (failures) {
            failures.addLast(clock.millis());
            while (failures.size() > settings.config().addressMaxFailures()) {
                failures.pollFirst();
            }
        }
    }

    private static SotayException tooMany(long waitMs) {
        long seconds = Math.max(1, (waitMs + 999) / 1000);
        return SotayException.tooManyRequests(Text.of("Đăng nhập sai quá nhiều lần; hãy thử lại sau " + seconds + " giây.",
                "Too many failed attempts; try again in " + seconds + " s."), seconds);
    }
}
