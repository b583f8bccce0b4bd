package org.sotay.core.persistence.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.spi.ScheduleObserver;

/**
 * The scheduler's engine for the whole container (bundles reach it through {@link BundleScheduler}):
 * this node's name and heartbeat, the pools, and the platform's own housekeeping (finished jobs a
 * month old, expired blobs). At start, the tracked jobs this node was running before it stopped are
 * failed. Configuration PID {@code org.sotay.core.scheduler}.
 */
@Component(service = SchedulerService.class, configurationPid = SchedulerService.PID, immediate = true)
@Designate(ocd = SchedulerService.Config.class)
public class SchedulerService {
    static final String PID = "org.sotay.core.scheduler";
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerService.class);

    @ObjectClassDefinition(id = PID, name = "Sotay scheduler", description = "Thread pools and this node's name in the cluster")
    @interface Config {
        @AttributeDefinition(description = "Threads per pool, as pool=size, comma separated (default 1 each), e.g. registry.import=1")
        String[] poolSizes() default {};

        @AttributeDefinition(description = "This node's name in the cluster; empty: kept in data/sotay-node.id")
        String node() default "";
    }

    private final SchedulerEngine engine;
    private final SchedulerView own;

    @Activate
    public SchedulerService(Config config, @Reference CoreSchema schema, @Reference(target = "(osgi.jndi.service.name=sotay)") DataSource dataSource,
            @Reference Clock clock, @Reference BlobStoreImpl blobs) {
        Jdbc jdbc = new Jdbc(dataSource);
        String node = config.node() == null || config.node().isBlank() ? Cluster.stableName(System.getProperty("karaf.data"))
                : config.node().strip();
        Cluster cluster = new Cluster(jdbc, clock, node);
        this.engine = new SchedulerEngine(cluster, new TrackedJobs(jdbc, clock, cluster), clock);
        configure(config);
        try {
            int failed = cluster.started(TrackedJobs.NODE_DIED.vi(), TrackedJobs.NODE_DIED.en());
            if (failed > 0) {
                LOG.warn("Node {} restarted: {} jobs it was running are marked failed", node, failed);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot register node " + node + ": " + e.getMessage(), e);
        }
        this.own = new SchedulerView(engine, "org.sotay.core.persistence");
        own.schedule(Schedule.onEveryNode("core.heartbeat", Duration.ofSeconds(5)).after(Duration.ofSeconds(5)), c -> cluster.heartbeat());
        own.schedule(Schedule.onceInCluster("core.housekeeping", Duration.ofHours(1)).after(Duration.ofMinutes(2)), c -> {
            int jobs = engine.jobs().purge(30);
            int files = blobs.purgeExpired();
            if (jobs + files > 0) {
                LOG.info("Core housekeeping: {} finished jobs older than 30 days and {} expired files removed", jobs, files);
            }
        });
        LOG.info("Sotay node {} started", node);
    }

    @Modified
    void configure(Config config) {
        Map<String, Integer> sizes = new HashMap<>();
        Arrays.stream(config.poolSizes()).flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(s -> s.contains("="))
                .forEach(s -> {
                    String[] kv = s.split("=", 2);
                    try {
                        sizes.put(kv[0].strip(), Math.max(1, Math.min(32, Integer.parseInt(kv[1].strip()))));
                    } catch (NumberFormatException e) {
                        LOG.warn("poolSizes: '{}' is not pool=number", s);
                    }
                });
        engine.poolSizes(pool -> sizes.getOrDefault(pool, 1));
    }

    /** Every observer service is told of each run of a periodic schedule on this node. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addObserver(ScheduleObserver o) {
        engine.addObserver(o);
    }

    void removeObserver(ScheduleObserver o) {
        engine.removeObserver(o);
    }

    SchedulerEngine engine() {
        return engine;
    }

    @Deactivate
    void stop() {
        own.close();
        try {
            engine.cluster().stopped();
        } catch (Exception e) {
            LOG.debug("node {} not marked stopped: {}", engine.cluster().node(), e.toString());
        }
        engine.shutdown();
    }
}
