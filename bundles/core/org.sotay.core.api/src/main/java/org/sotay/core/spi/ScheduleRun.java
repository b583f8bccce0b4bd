package org.sotay.core.spi;

import java.util.Objects;

/** One run of a periodic schedule on this node, as a {@link ScheduleObserver} is told of it. */
public final class ScheduleRun {
    /** How a run ended. */
    public enum Outcome {
        /** The task ran and returned. */
        SUCCEEDED,
        /** The task threw; it runs again at its next time. */
        FAILED,
        /** A cluster-wide schedule whose lease another node holds: this node did not run it. */
        SKIPPED
    }

    private final String schedule;
    private final String owner;
    private final boolean clusterWide;
    private final Outcome outcome;
    private final long durationNanos;
    private final boolean overran;

    public ScheduleRun(String schedule, String owner, boolean clusterWide, Outcome outcome, long durationNanos, boolean overran) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.owner = owner;
        this.clusterWide = clusterWide;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.durationNanos = durationNanos;
        this.overran = overran;
    }

    /** The schedule's name ({@link org.sotay.core.api.jobs.Schedule#name()}). */
    public String schedule() {
        return schedule;
    }

    /** Who scheduled it (the bundle's symbolic name). */
    public String owner() {
        return owner;
    }

    public boolean clusterWide() {
        return clusterWide;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** How long the task ran (0 when skipped). */
    public long durationNanos() {
        return durationNanos;
    }

    /**
     * A cluster-wide run that lasted longer than its lease: another node may have taken the lease
     * and run the same schedule meanwhile. Never true for a schedule that runs on every node.
     */
    public boolean overran() {
        return overran;
    }

    @Override
    public String toString() {
        return schedule + " " + outcome + " in " + durationNanos / 1_000_000 + " ms" + (overran ? " (outlived its lease)" : "");
    }
}
