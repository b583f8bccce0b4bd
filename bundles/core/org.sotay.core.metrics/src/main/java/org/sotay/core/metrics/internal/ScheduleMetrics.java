package org.sotay.core.metrics.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.spi.ScheduleObserver;
import org.sotay.core.spi.ScheduleRun;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The periodic schedules' runs on this node: {@code sotay_schedule_runs_total{schedule, outcome}}
 * (succeeded, failed, skipped because another node holds the lease), the time of the runs that ran
 * ({@code sotay_schedule_duration_seconds}) and the cluster-wide runs that outlived their lease
 * ({@code sotay_schedule_overruns_total}). Summed over the nodes, a cluster-wide schedule's
 * succeeded and failed runs are its runs in the cluster: one node's grow, the others' skips grow.
 */
@Component(service = ScheduleObserver.class)
public class ScheduleMetrics implements ScheduleObserver {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Activate
    public ScheduleMetrics(@Reference Metrics metrics) {
        this(metrics.registry());
    }

    ScheduleMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void observed(ScheduleRun run) {
        String outcome = run.outcome().name().toLowerCase(java.util.Locale.ROOT);
        counters.computeIfAbsent(run.schedule() + '\n' + outcome, k -> Counter.builder("sotay.schedule.runs")
                .description("Runs of a periodic schedule on this node, by outcome (skipped: another node holds its lease)")
                .tag("schedule", run.schedule()).tag("outcome", outcome).tag("scope", run.clusterWide() ? "cluster" : "node")
                .register(registry)).increment();
        if (run.outcome() != ScheduleRun.Outcome.SKIPPED) {
            timers.computeIfAbsent(run.schedule(), k -> Timer.builder("sotay.schedule.duration")
                    .description("How long the runs of a periodic schedule took on this node").tag("schedule", run.schedule())
                    .register(registry)).record(run.durationNanos(), TimeUnit.NANOSECONDS);
        }
        if (run.overran()) {
            counters.computeIfAbsent(run.schedule() + "\noverrun", k -> Counter.builder("sotay.schedule.overruns")
                    .description("Cluster-wide runs that lasted longer than their lease (another node may have run the schedule meanwhile)")
                    .tag("schedule", run.schedule()).register(registry)).increment();
        }
    }
}
