package org.sotay.core.persistence.internal;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.api.jobs.Scheduler;

/**
 * One user's view of the scheduler (in OSGi: one bundle's): it remembers what that user scheduled
 * and started, and {@link #close()} cancels all of it, interrupts what runs and waits a little for it
 * to end, so a module that stops leaves no thread of its own behind.
 */
public class SchedulerView implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerView.class);
    static final long STOP_WAIT_MILLIS = 5_000;

    private final SchedulerEngine engine;
    private final String owner;
    private final Set<SchedulerEngine.Run> runs = ConcurrentHashMap.newKeySet();
    private final Set<SchedulerEngine.Tracked> tracked = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public SchedulerView(SchedulerEngine engine, String owner) {
        this.engine = engine;
        this.owner = owner;
    }

    @Override
    public Handle schedule(Schedule schedule, Task task) {
        check();
        SchedulerEngine.Run run = engine.schedule(schedule, task, owner);
        runs.add(run);
        return run;
    }

    @Override
    public Handle execute(String pool, Task task) {
        check();
        runs.removeIf(SchedulerEngine.Run::cancelled);
        SchedulerEngine.Run run = engine.execute(pool, task, owner);
        runs.add(run);
        return run;
    }

    @Override
    public JobState start(String kind, String jobOwner, Work work) {
        check();
        tracked.removeIf(SchedulerEngine.Tracked::finished);
        SchedulerEngine.Tracked t = engine.start(kind, jobOwner, work, owner);
        tracked.add(t);
        return t.state;
    }

    @Override
    public Optional<JobState> job(String id) {
        return engine.jobs().find(id);
    }

    @Override
    public String node() {
        return engine.cluster().node();
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("the scheduler of " + owner + " is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        runs.forEach(SchedulerEngine.Run::cancel);
        tracked.forEach(SchedulerEngine.Tracked::stop);
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        for (SchedulerEngine.Run r : runs) {
            if (!r.awaitIdle(Math.max(0, deadline - System.currentTimeMillis()))) {
                LOG.warn("Scheduled work {} of {} did not stop within {} ms", r.name(), owner, STOP_WAIT_MILLIS);
            }
        }
        for (SchedulerEngine.Tracked t : tracked) {
            if (!t.awaitEnd(Math.max(0, deadline - System.currentTimeMillis()))) {
                LOG.warn("Job {} of {} did not stop within {} ms", t.state.id(), owner, STOP_WAIT_MILLIS);
            }
        }
        runs.clear();
        tracked.clear();
    }
}
