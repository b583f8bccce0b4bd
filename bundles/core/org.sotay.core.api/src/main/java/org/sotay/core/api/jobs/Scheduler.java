package org.sotay.core.api.jobs;

import java.util.Optional;

/**
 * The platform's one scheduler. Each bundle gets its own view of it (a bundle-scoped service): when
 * the bundle stops (a module is uninstalled or swapped) every schedule it made is cancelled and its
 * running tasks are interrupted, so nothing of an old module keeps running.
 *
 * <ul>
 * <li>{@link #schedule}: periodic work. {@link Schedule#onEveryNode} runs on each node (a cache
 * reload); {@link Schedule#onceInCluster} runs only on the node holding the schedule's lease in the
 * database (housekeeping, outbox dispatch, reminders), and another node takes over when that node
 * dies.</li>
 * <li>{@link #execute}: one piece of background work now (an event handler that must return at
 * once), on a bounded pool.</li>
 * <li>{@link #start}: a tracked job (an import, a rebuild): its phase, progress and outcome are kept
 * in the database, readable from any node; a job whose node died is reported failed.</li>
 * </ul>
 */
@org.osgi.annotation.versioning.ProviderType
public interface Scheduler {
    /** Runs {@code task} as {@code schedule} says until {@link Handle#cancel()}, {@link JobControl#stop()} or the bundle stops. */
    Handle schedule(Schedule schedule, Task task);

    /** Runs {@code task} once, as soon as a thread of {@code pool} is free. */
    Handle execute(String pool, Task task);

    /**
     * Starts a tracked job of {@code kind} ({@code registry.import}) for {@code owner} (the subject of
     * the caller who asked, who alone may read it, or a system name): recorded as queued at once,
     * then run on the pool named {@code kind}, one at a time unless configured otherwise.
     */
    JobState start(String kind, String owner, Work work);

    /** A tracked job's state as the database has it, from any node. */
    Optional<JobState> job(String id);

    /** This node's name in the cluster (stable across restarts of the same installation). */
    String node();

    /** A scheduled or submitted task. */
    @org.osgi.annotation.versioning.ProviderType
    interface Handle {
        /** No further runs; a running one is interrupted. */
        void cancel();

        boolean cancelled();

        /** One extra run soon (about 50 ms), coalesced with other requests: "there is new work". */
        void runSoon();
    }

    /** Periodic or one-off work. */
    @FunctionalInterface
    interface Task {
        void run(JobControl control) throws Exception;
    }

    /** What a running task may do about its own schedule. */
    @org.osgi.annotation.versioning.ProviderType
    interface JobControl {
        /** No further runs of this schedule (the work is done for good). */
        void stop();

        /** Whether the task should give up now (cancelled, bundle stopping, lease lost). */
        boolean cancelled();
    }

    /** The work of a tracked job; returns what to keep as its result (text, e.g. JSON, up to 32,000 characters) or {@code null}. */
    @FunctionalInterface
    interface Work {
        String run(Progress progress) throws Exception;
    }

    /** Where a tracked job is; written at most twice a second, outside the job's own transaction. */
    @FunctionalInterface
    interface Progress {
        void at(String phase, long done, long total);
    }
}
