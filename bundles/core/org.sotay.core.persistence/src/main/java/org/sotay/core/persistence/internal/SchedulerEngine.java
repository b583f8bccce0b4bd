package org.sotay.core.persistence.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.api.persistence.LockWaits;
import org.sotay.core.spi.ScheduleObserver;
import org.sotay.core.spi.ScheduleRun;
import org.sotay.core.api.jobs.Scheduler;

/**
 * The thread pools and the rules of the scheduler, free of OSGi. A pool per purpose (named by the
 * schedule or the job kind), each bounded ({@code poolSize}, one thread unless configured), its
 * threads ended after a minute idle. A cluster-wide schedule runs only while this node holds its
 * lease ({@link Cluster#acquire}).
 */
public final class SchedulerEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerEngine.class);
    /** Lock waits that ran out, in a row, logged as one INFO line each before they count as a failure worth a stack trace. */
    static final int LOCK_WAITS_AS_INFO = 3;
    /** A cluster-wide schedule's lease lasts at least this long, and at least one period. */
    static final long MIN_LEASE_MILLIS = 10_000;

    private final Cluster cluster;
    private final TrackedJobs jobs;
    private final Clock clock;
    private final Map<String, ScheduledThreadPoolExecutor> pools = new ConcurrentHashMap<>();
    private volatile java.util.function.ToIntFunction<String> poolSize = pool -> 1;
    private final java.util.List<ScheduleObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public SchedulerEngine(Cluster cluster, TrackedJobs jobs, Clock clock) {
        this.cluster = cluster;
        this.jobs = jobs;
        this.clock = clock;
    }

    public Cluster cluster() {
        return cluster;
    }

    public TrackedJobs jobs() {
        return jobs;
    }

    Clock clock() {
        return clock;
    }

    public void addObserver(ScheduleObserver o) {
        observers.add(o);
    }

    public void removeObserver(ScheduleObserver o) {
        observers.remove(o);
    }

    private void tell(ScheduleRun run) {
        for (ScheduleObserver o : observers) {
            try {
                o.observed(run);
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("schedule observer {} failed on {}: {}", o, run, e.toString());
            }
        }
    }

    /** How many threads each pool may have (applies to pools made from now on, and resizes existing ones). */
    public void poolSizes(java.util.function.ToIntFunction<String> sizes) {
        this.poolSize = sizes;
        pools.forEach((name, p) -> {
            int n = Math.max(1, sizes.applyAsInt(name));
            if (p.getCorePoolSize() != n) {
                p.setCorePoolSize(n);
            }
        });
    }

    ScheduledThreadPoolExecutor pool(String name) {
        if (closed) {
            throw new IllegalStateException("the scheduler is stopped");
        }
        return pools.computeIfAbsent(name, n -> {
            AtomicInteger count = new AtomicInteger();
            ScheduledThreadPoolExecutor p = new ScheduledThreadPoolExecutor(Math.max(1, poolSize.applyAsInt(n)), r -> {
                Thread t = new Thread(r, "sotay-" + n + "-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            p.setKeepAliveTime(60, TimeUnit.SECONDS);
            p.allowCoreThreadTimeOut(true);
            p.setRemoveOnCancelPolicy(true);
            p.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            return p;
        });
    }

    /** The threads of every pool, for the operators' view. */
    public Map<String, Integer> poolThreads() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        pools.forEach((n, p) -> out.put(n, p.getPoolSize()));
        return out;
    }

    /** A periodic schedule; {@code owner} names the bundle in logs. */
    Run schedule(Schedule s, Scheduler.Task task, String owner) {
        Run run = new Run(s, task, owner);
        run.future = pool(s.pool()).scheduleWithFixedDelay(run::tick, s.initialDelay().toMillis(), s.period().toMillis(),
                TimeUnit.MILLISECONDS);
        return run;
    }

    /** One run now. */
    Run execute(String pool, Scheduler.Task task, String owner) {
        Run run = new Run(null, task, owner);
        run.poolName = pool;
        run.future = pool(pool).submit(run::tick);
        return run;
    }

    /** A tracked job: recorded as queued, then run on the pool named by its kind. */
    Tracked start(String kind, String owner, Scheduler.Work work, String bundle) {
        JobState state = jobs.insert(kind, owner);
        Tracked t = new Tracked(state, work, bundle);
        t.future = pool(kind).submit(t::run);
        return t;
    }

    public void shutdown() {
        closed = true;
        pools.values().forEach(ScheduledThreadPoolExecutor::shutdownNow);
        for (ScheduledThreadPoolExecutor p : pools.values()) {
            try {
                p.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        pools.clear();
    }

    /** One schedule (or one-off task) and its state. */
    final class Run implements Scheduler.Handle, Scheduler.JobControl {
        private final Schedule schedule;
        private final Scheduler.Task task;
        private final String owner;
        private final AtomicBoolean nudged = new AtomicBoolean();
        private volatile boolean cancelled;
        private volatile Future<?> future;
        private volatile String poolName;
        private volatile Thread runner;
        private int failuresInARow;
        /** Whether this run of failures has had its WARN line with the stack trace. */
        private boolean warned;

        Run(Schedule schedule, Scheduler.Task task, String owner) {
            this.schedule = schedule;
            this.task = task;
            this.owner = owner;
            this.poolName = schedule == null ? null : schedule.pool();
        }

        String name() {
            return schedule == null ? poolName : schedule.name();
        }

        private synchronized void tick() {
            if (cancelled || closed) {
                return;
            }
            boolean clusterWide = schedule != null && schedule.clusterWide();
            long lease = clusterWide ? Math.max(MIN_LEASE_MILLIS, schedule.period().toMillis()) : 0;
            long started = 0;
            boolean ran = false;
            try {
                if (clusterWide && !cluster.acquire(schedule.name(), lease)) {
                    observe(ScheduleRun.Outcome.SKIPPED, 0, false); // another node holds it
                    return;
                }
                runner = Thread.currentThread();
                started = System.nanoTime();
                ran = true;
                task.run(this);
                long took = System.nanoTime() - started;
                failuresInARow = 0;
                warned = false;
                observe(ScheduleRun.Outcome.SUCCEEDED, took, clusterWide && took > lease * 1_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | LinkageError e) {
                if (cancelled) {
                    return; // its bundle is going away: what it throws now is not news
                }
                long took = ran ? System.nanoTime() - started : 0;
                observe(ScheduleRun.Outcome.FAILED, took, clusterWide && took > lease * 1_000_000L);
                failuresInARow++;
                if (LockWaits.ranOut(e) && failuresInARow <= LOCK_WAITS_AS_INFO) {
                    // the database was busy (a first aggregation while the demo is loaded): no stack trace for that
                    LOG.info("Scheduled work {} of {} waited too long for another transaction's locks ({} in a row), will run again: {}", name(), owner,
                            failuresInARow, rootMessage(e));
                } else if (!warned || failuresInARow % 100 == 0) {
                    warned = true;
                    LOG.warn("Scheduled work {} of {} failed ({} in a row), will run again: {}", name(), owner, failuresInARow, e.toString(), e);
                } else {
                    LOG.debug("Scheduled work {} of {} failed again: {}", name(), owner, e.toString());
                }
            } finally {
                runner = null;
            }
        }

        /** Periodic schedules only: a one-off task ({@link #execute}) is nobody's schedule. */
        private void observe(ScheduleRun.Outcome outcome, long nanos, boolean overran) {
            if (schedule != null && !observers.isEmpty()) {
                tell(new ScheduleRun(schedule.name(), owner, schedule.clusterWide(), outcome, nanos, overran));
            }
        }

        @Override
        public void stop() {
            cancelled = true;
            Future<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            Future<?> f = future;
            if (f != null) {
                f.cancel(true);
            }
            if (schedule != null && schedule.clusterWide()) {
                try {
                    cluster.release(schedule.name());
                } catch (Exception e) {
                    LOG.debug("lease {} not released: {}", schedule.name(), e.toString());
                }
            }
        }

        @Override
        public boolean cancelled() {
            return cancelled || closed || Thread.currentThread().isInterrupted();
        }

        @Override
        public void runSoon() {
            if (cancelled || closed || !nudged.compareAndSet(false, true)) {
                return;
            }
            try {
                pool(poolName).schedule(() -> {
                    nudged.set(false);
                    tick();
                }, 50, TimeUnit.MILLISECONDS);
            } catch (RuntimeException stopping) {
                nudged.set(false);
            }
        }

        /** Waits for a running tick to end (after {@link #cancel()}), at most {@code millis}. */
        boolean awaitIdle(long millis) {
            long deadline = System.currentTimeMillis() + millis;
            while (runner != null && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return runner == null;
        }
    }

    /** A tracked job running (or queued) on this node. */
    final class Tracked {
        final JobState state;
        private final Scheduler.Work work;
        private final String bundle;
        private volatile Future<?> future;
        private volatile boolean running;
        private volatile boolean finished;

        Tracked(JobState state, Scheduler.Work work, String bundle) {
            this.state = state;
            this.work = work;
            this.bundle = bundle;
        }

        private void run() {
            running = true;
            String id = state.id();
            try {
                String result = work.run(jobs.progress(id));
                jobs.done(id, result);
            } catch (Throwable e) {
                boolean stopped = e instanceof InterruptedException || Thread.currentThread().isInterrupted() || closed;
                if (!stopped && !(e instanceof org.sotay.core.api.SotayException)) {
                    LOG.error("Job {} ({}) of {} failed", id, state.kind(), bundle, e);
                }
                try {
                    jobs.failed(id, stopped ? TrackedJobs.STOPPED : TrackedJobs.errorOf(id, e));
                } catch (Exception again) {
                    LOG.warn("Job {} failed and its state could not be written (its node will be seen as its cause): {}", id, again.toString());
                }
                if (e instanceof Error err && !(e instanceof LinkageError)) {
                    throw err;
                }
            } finally {
                finished = true;
                running = false;
            }
        }

        /** Interrupts the job (its bundle stops): a queued one never starts, a running one is failed as stopped. */
        void stop() {
            Future<?> f = future;
            if (f != null && f.cancel(true) && !running && !finished) {
                try {
                    jobs.failed(state.id(), TrackedJobs.STOPPED);
                } catch (Exception e) {
                    LOG.debug("job {} not marked stopped: {}", state.id(), e.toString());
                }
            }
        }

        boolean awaitEnd(long millis) {
            long deadline = System.currentTimeMillis() + millis;
            while (running && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !running;
        }

        boolean finished() {
            return finished;
        }
    }

    /** The innermost message of a failure's cause chain (the driver's own words), with the exception's class. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
