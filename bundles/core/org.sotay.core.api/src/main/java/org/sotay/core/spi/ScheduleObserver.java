package org.sotay.core.spi;

/**
 * Told after each run of a periodic schedule on this node (a whiteboard service: register one and
 * the scheduler calls it): what ran, whether it succeeded, failed, or was skipped because another
 * node holds a cluster-wide schedule's lease, and how long it took. Core's metrics are one
 * observer ({@code sotay_schedule_runs_total}); an integrator's alerting could be another.
 *
 * <p>Called on the scheduler's own thread right after the run: it must return at once and never
 * block (count, do not write to a database). What it throws is logged and ignored.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ScheduleObserver {
    void observed(ScheduleRun run);
}
