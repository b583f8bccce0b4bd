package org.sotay.core.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.Text;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.spi.ScheduleRun;
import org.sotay.core.api.jobs.Scheduler;

/** The scheduler on a real database: leases, tracked jobs, node death, and stopping with its owner. */
class SchedulerTest {
    private DataSource ds;
    private final List<SchedulerEngine> engines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void fresh() throws Exception {
        ds = CoreDb.fresh("scheduler");
    }

    @AfterEach
    void stop() {
        engines.forEach(SchedulerEngine::shutdown);
    }

    private SchedulerEngine node(String name) throws Exception {
        Jdbc jdbc = new Jdbc(ds);
        Cluster cluster = new Cluster(jdbc, Clock.systemUTC(), name);
        cluster.started(TrackedJobs.NODE_DIED.vi(), TrackedJobs.NODE_DIED.en());
        SchedulerEngine e = new SchedulerEngine(cluster, new TrackedJobs(jdbc, Clock.systemUTC(), cluster), Clock.systemUTC());
        engines.add(e);
        return e;
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aClusterWideScheduleRunsOnOneNodeOnlyUntilItsHolderStops() throws Exception {
        AtomicInteger onA = new AtomicInteger();
        AtomicInteger onB = new AtomicInteger();
        SchedulerView a = new SchedulerView(node("node-a"), "test");
        SchedulerView b = new SchedulerView(node("node-b"), "test");
        Schedule s = Schedule.onceInCluster("test.reminders", Duration.ofMillis(50));
        a.schedule(s, c -> onA.incrementAndGet());
        await("node A to run it", () -> onA.get() >= 3);
        b.schedule(s, c -> onB.incrementAndGet());
        int before = onA.get();
        await("node A to run it more", () -> onA.get() >= before + 5);
        assertEquals(0, onB.get(), "the node without the lease never ran it");
        // A's bundle stops: its schedule is cancelled and its lease released, so B takes over at once
        a.close();
        await("node B to take over", () -> onB.get() >= 3);
        int stoppedAt = onA.get();
        Thread.sleep(200);
        assertEquals(stoppedAt, onA.get(), "nothing of A's schedule runs after close");
        b.close();
    }

    @Test
    void observersAreToldOfEachRunWithItsOutcomeAndTheNodeWithoutTheLeaseSkips() throws Exception {
        SchedulerEngine engineA = node("node-a");
        SchedulerEngine engineB = node("node-b");
        List<ScheduleRun> seenA = new CopyOnWriteArrayList<>();
        List<ScheduleRun> seenB = new CopyOnWriteArrayList<>();
        engineA.addObserver(seenA::add);
        engineB.addObserver(seenB::add);
        SchedulerView a = new SchedulerView(engineA, "test");
        SchedulerView b = new SchedulerView(engineB, "test");
        AtomicInteger calls = new AtomicInteger();
        Schedule s = Schedule.onceInCluster("test.flaky", Duration.ofMillis(50));
        a.schedule(s, c -> {
            if (calls.incrementAndGet() % 2 == 0) {
                throw new IllegalStateException("every second run fails");
            }
        });
        await("node A to run it", () -> calls.get() >= 4);
        b.schedule(s, c -> calls.incrementAndGet());
        await("node B to try and skip", () -> seenB.size() >= 3);
        // B stops first: closing A first releases the lease, and B could take it over and run
        // before its own close, which is the take-over the test above checks, not a skip
        b.close();
        a.close();

        long succeeded = seenA.stream().filter(r -> r.outcome() == ScheduleRun.Outcome.SUCCEEDED).count();
        long failed = seenA.stream().filter(r -> r.outcome() == ScheduleRun.Outcome.FAILED).count();
        assertTrue(succeeded >= 2 && failed >= 2, "A's runs: " + seenA);
        assertTrue(seenA.stream().allMatch(r -> r.schedule().equals("test.flaky") && r.owner().equals("test") && r.clusterWide()), seenA.toString());
        assertTrue(seenA.stream().noneMatch(r -> r.outcome() == ScheduleRun.Outcome.SKIPPED), "the holder never skips: " + seenA);
        assertTrue(seenA.stream().noneMatch(ScheduleRun::overran), "runs of a few microseconds outlive no lease");
        assertTrue(seenB.stream().allMatch(r -> r.outcome() == ScheduleRun.Outcome.SKIPPED && r.durationNanos() == 0), "B never held the lease: " + seenB);
    }

    @Test
    void anObserverThatThrowsDoesNotStopTheScheduleNorTheOthers() throws Exception {
        SchedulerEngine engine = node("node-a");
        AtomicInteger told = new AtomicInteger();
        engine.addObserver(r -> {
            throw new IllegalStateException("a broken observer");
        });
        engine.addObserver(r -> told.incrementAndGet());
        AtomicInteger runs = new AtomicInteger();
        SchedulerView v = new SchedulerView(engine, "test");
        v.schedule(Schedule.onEveryNode("test.every", Duration.ofMillis(30)), c -> runs.incrementAndGet());
        await("three runs told", () -> told.get() >= 3);
        assertTrue(runs.get() >= 3);
        v.close();
    }

    @Test
    void twoNodesRacingForAFreeLeaseGetItOnce() throws Exception {
        Cluster a = node("a").cluster();
        Cluster b = node("b").cluster();
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger winners = new AtomicInteger();
        Thread[] threads = new Thread[2];
        Cluster[] both = { a, b };
        for (int i = 0; i < 2; i++) {
            Cluster c = both[i];
            threads[i] = new Thread(() -> {
                try {
                    go.await();
                    if (c.acquire("race", 60_000)) {
                        winners.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads[i].start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(1, winners.get());
        // the holder renews; the other still cannot
        assertTrue(a.acquire("race", 60_000) ^ b.acquire("race", 60_000));
    }

    @Test
    void aTrackedJobReportsProgressAndItsResult() throws Exception {
        SchedulerView s = new SchedulerView(node("n1"), "test");
        CountDownLatch release = new CountDownLatch(1);
        JobState started = s.start("test.import", "alice", progress -> {
            progress.at("reading", 5, 10);
            release.await(5, TimeUnit.SECONDS);
            progress.at("writing", 10, 10);
            return "{\"rows\":10}";
        });
        assertEquals(JobState.Status.RUNNING, started.status());
        await("the progress", () -> s.job(started.id()).map(j -> j.done() == 5).orElse(false));
        JobState mid = s.job(started.id()).orElseThrow();
        assertEquals("reading", mid.phase());
        assertEquals(50, mid.percent());
        release.countDown();
        await("the end", () -> s.job(started.id()).map(j -> j.status() == JobState.Status.DONE).orElse(false));
        JobState done = s.job(started.id()).orElseThrow();
        assertEquals("{\"rows\":10}", done.result());
        assertEquals(100, done.percent());
        assertEquals("alice", done.owner());
        assertNotNull(done.finishedAt());
    }

    @Test
    void aFailedJobSaysWhyInBothLanguages() throws Exception {
        SchedulerView s = new SchedulerView(node("n1"), "test");
        JobState j = s.start("test.import", "alice", p -> {
            throw new SotayException(ProblemType.VALIDATION, Text.of("Tệp sai.", "The file is wrong."));
        });
        await("the failure", () -> s.job(j.id()).map(x -> x.status() == JobState.Status.FAILED).orElse(false));
        JobState failed = s.job(j.id()).orElseThrow();
        assertEquals("Tệp sai.", failed.error().vi());
        assertEquals("The file is wrong.", failed.error().en());
    }

    @Test
    void aNodeThatRestartsKnowsItsJobsDied() throws Exception {
        SchedulerEngine first = node("node-x");
        SchedulerView s = new SchedulerView(first, "test");
        CountDownLatch hold = new CountDownLatch(1);
        JobState j = s.start("test.import", "alice", p -> {
            p.at("writing", 43, 100);
            hold.await();
            return null;
        });
        await("the job to run", () -> s.job(j.id()).map(x -> x.done() == 43).orElse(false));
        // kill -9: the process is gone without a word; the same installation starts again
        first.cluster().heartbeat();
        node("node-x");
        JobState after = new SchedulerView(node("node-y"), "test").job(j.id()).orElseThrow();
        assertEquals(JobState.Status.FAILED, after.status(), "not RUNNING 43% for ten minutes");
        assertTrue(after.error().en().contains("stopped"), after.error().en());
        hold.countDown();
    }

    @Test
    void anotherNodeSeesADeadNodesJobFailedOnceItsHeartbeatIsOld() throws Exception {
        SchedulerEngine dying = node("node-dying");
        CountDownLatch hold = new CountDownLatch(1);
        JobState j = new SchedulerView(dying, "test").start("test.import", "alice", p -> {
            hold.await();
            return null;
        });
        SchedulerView other = new SchedulerView(node("node-alive"), "test");
        assertEquals(JobState.Status.RUNNING, other.job(j.id()).orElseThrow().status(), "alive: still running");
        new Jdbc(ds).update("UPDATE CORE_NODE SET HEARTBEAT_MS = ? WHERE NODE = 'node-dying'",
                System.currentTimeMillis() - Cluster.NODE_TIMEOUT_MILLIS - 1000);
        assertEquals(JobState.Status.FAILED, other.job(j.id()).orElseThrow().status());
        hold.countDown();
    }

    @Test
    void closingStopsRunningWorkAndMarksItsJobsStopped() throws Exception {
        SchedulerView s = new SchedulerView(node("n1"), "test");
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        s.execute("test.events", c -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
        });
        JobState queuedBehind = s.start("test.events", "bob", p -> "never");
        assertTrue(started.await(5, TimeUnit.SECONDS));
        long t0 = System.currentTimeMillis();
        s.close();
        assertTrue(System.currentTimeMillis() - t0 < 5_000, "close waits only as long as the work takes to stop");
        assertEquals(1, interrupted.get());
        assertEquals(JobState.Status.FAILED, s.job(queuedBehind.id()).orElseThrow().status());
        assertFalse(s.job(queuedBehind.id()).orElseThrow().error().en().isEmpty());
    }

    @Test
    void aTaskCanStopItsOwnScheduleAndFailuresDoNotStopIt() throws Exception {
        SchedulerView s = new SchedulerView(node("n1"), "test");
        AtomicInteger runs = new AtomicInteger();
        s.schedule(Schedule.onEveryNode("test.retry", Duration.ofMillis(20)), c -> {
            int n = runs.incrementAndGet();
            if (n < 3) {
                throw new IllegalStateException("database busy");
            }
            c.stop();
        });
        await("three runs", () -> runs.get() >= 3);
        Thread.sleep(150);
        assertEquals(3, runs.get(), "stopped after it succeeded");
        Scheduler.Handle h = s.schedule(Schedule.onEveryNode("test.nudge", Duration.ofHours(1)).after(Duration.ofHours(1)),
                c -> runs.incrementAndGet());
        h.runSoon();
        h.runSoon();
        await("the nudge", () -> runs.get() == 4);
        Thread.sleep(150);
        assertEquals(4, runs.get(), "two nudges at once are one run");
        s.close();
    }

    @Test
    void aLockWaitThatRanOutIsAnInfoLineWithoutStackTraceUntilItKeepsHappening() throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // slf4j-simple writes each line to whatever System.err is at the time
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String log;
        try {
            SchedulerView v = new SchedulerView(node("node-a"), "test");
            AtomicInteger calls = new AtomicInteger();
            // busy twice, then fine: two INFO lines; then busy for good: one more INFO, then the WARN with its trace
            v.schedule(Schedule.onEveryNode("test.busy", Duration.ofMillis(20)), c -> {
                int n = calls.incrementAndGet();
                if (n <= 2 || n >= 4) {
                    throw new IllegalStateException("aggregation failed", new RuntimeException(
                            new SQLException("A lock could not be obtained within the time requested", "40XL1")));
                }
            });
            await("eight runs", () -> calls.get() >= 8);
            v.close();
        } finally {
            System.setErr(realErr);
        }
        log = captured.toString(StandardCharsets.UTF_8);
        realErr.print(log);
        String info = "INFO " + SchedulerEngine.class.getName() + " - Scheduled work test.busy of test waited too long for another transaction's locks (";
        assertTrue(log.contains(info + "1 in a row), will run again: SQLException: A lock could not be obtained within the time requested"), log);
        assertTrue(log.contains(info + "2 in a row)"), log);
        assertEquals(2 + SchedulerEngine.LOCK_WAITS_AS_INFO, log.split(java.util.regex.Pattern.quote(info), -1).length - 1,
                "two INFO lines, then three for the second run of failures: " + log);
        assertEquals(1, log.split("WARN " + SchedulerEngine.class.getName() + " - Scheduled work test.busy of test failed", -1).length - 1,
                "one WARN, when the lock waits go on: " + log);
        assertTrue(log.contains("failed (4 in a row), will run again"), log);
        assertEquals(1, log.split("Caused by: java.sql.SQLException: A lock could not be obtained", -1).length - 1, "one stack trace: " + log);
    }
}
