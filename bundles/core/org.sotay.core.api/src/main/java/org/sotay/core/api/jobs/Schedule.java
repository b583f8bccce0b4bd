package org.sotay.core.api.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * When and where periodic work runs: every {@code period} after {@code initialDelay}, on the pool
 * {@code pool} (by default a pool of its own, named like the schedule), on every node or once in
 * the cluster.
 *
 * <pre>
 * scheduler.schedule(Schedule.onceInCluster("identity.housekeeping", Duration.ofHours(1)).after(Duration.ofMinutes(5)), c -&gt; sweep());
 * </pre>
 */
public record Schedule(String name, String pool, Duration initialDelay, Duration period, boolean clusterWide) {
    public Schedule {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*") || name.length() > 100) {
            throw new IllegalArgumentException("a schedule name is dotted lower-case words: " + name);
        }
        pool = pool == null ? name : pool;
        initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the period must be positive: " + period);
        }
    }

    /** On each node, every {@code period}. */
    public static Schedule onEveryNode(String name, Duration period) {
        return new Schedule(name, null, Duration.ZERO, period, false);
    }

    /** On one node of the cluster at a time (the holder of the lease {@code name}), every {@code period}. */
    public static Schedule onceInCluster(String name, Duration period) {
        return new Schedule(name, null, Duration.ZERO, period, true);
    }

    /** The first run after {@code delay}. */
    public Schedule after(Duration delay) {
        return new Schedule(name, pool, delay, period, clusterWide);
    }

    /** On the pool {@code pool} (shared with other schedules of that name). */
    public Schedule inPool(String pool) {
        return new Schedule(name, pool, initialDelay, period, clusterWide);
    }
}
