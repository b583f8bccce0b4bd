package org.sotay.core.metrics.internal;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * This node's meter registry and the figures that are not requests: the JVM, the database pool
 * (Hikari's MBean, when the pool registers one), the outbox (entries waiting and the age of the
 * oldest) and the tracked jobs (running, failed, an import's progress), read from core's own
 * tables at most once per {@link MetricsConfig#databaseFiguresSeconds()}.
 */
@Component(service = Metrics.class, configurationPid = MetricsConfig.PID)
@Designate(ocd = MetricsConfig.class)
public class Metrics {
    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DataSource dataSource;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private volatile MetricsConfig config;
    private volatile long figuresAt;
    private volatile Map<String, Double> figures = Map.of();
    private final Map<String, Boolean> registered = new ConcurrentHashMap<>();

    @Activate
    public Metrics(MetricsConfig config, @Reference(target = "(osgi.jndi.service.name=sotay)") DataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        pool("active", "ActiveConnections");
        pool("idle", "IdleConnections");
        pool("total", "TotalConnections");
        pool("pending", "ThreadsAwaitingConnection");
        figure("sotay.outbox.pending", "Outbox entries not delivered yet", "outbox.pending");
        figure("sotay.outbox.oldest.pending.seconds", "Age of the oldest undelivered outbox entry", "outbox.oldest");
        figure("sotay.jobs.running", "Tracked jobs running in the cluster", "jobs.running");
        figure("sotay.jobs.failed", "Tracked jobs that failed (kept 30 days)", "jobs.failed");
        figure("sotay.jobs.succeeded", "Tracked jobs that succeeded (kept 30 days)", "jobs.done");
        figure("sotay.import.rows.done", "Rows done by the running member imports", "import.done");
        figure("sotay.import.rows.planned", "Rows of the running member imports, in all", "import.total");
    }

    @Modified
    void modified(MetricsConfig config) {
        this.config = config;
    }

    @Deactivate
    void deactivate() {
        gc.close();
        registry.close();
    }

    MeterRegistry registry() {
        return registry;
    }

    MetricsConfig config() {
        return config;
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }

    private void pool(String name, String attribute) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ToDoubleFunction<Metrics> read = m -> {
            try {
                for (ObjectName n : server.queryNames(new ObjectName("com.zaxxer.hikari:type=Pool (*)"), null)) {
                    return ((Number) server.getAttribute(n, attribute)).doubleValue();
                }
            } catch (Exception e) {
                LOG.debug("Hikari pool MBean not readable", e);
            }
            return Double.NaN;
        };
        Gauge.builder("sotay.db.pool.connections", this, read).tag("state", name)
                .description("Connections of the database pool (NaN when the pool publishes no MBean: hikari.registerMbeans = true)")
                .register(registry);
    }

    private void figure(String meter, String description, String key) {
        if (registered.putIfAbsent(meter, Boolean.TRUE) == null) {
            Gauge.builder(meter, this, m -> m.figures().getOrDefault(key, Double.NaN)).description(description).register(registry);
        }
    }

    /** The database figures, read again when older than the configured time. */
    Map<String, Double> figures() {
        long now = System.currentTimeMillis();
        if (now - figuresAt > config.databaseFiguresSeconds() * 1000L) {
            synchronized (this) {
                if (now - figuresAt > config.databaseFiguresSeconds() * 1000L) {
                    figures = read(now);
                    figuresAt = now;
                }
            }
        }
        return figures;
    }

    private Map<String, Double> read(long now) {
        Map<String, Double> out = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            query(c, "SELECT COUNT(*), MIN(CREATED_MS) FROM CORE_OUTBOX WHERE DELIVERED_MS IS NULL", List.of(), rs -> {
                out.put("outbox.pending", (double) rs.getLong(1));
                long oldest = rs.getLong(2);
                out.put("outbox.oldest", rs.wasNull() ? 0.0 : Math.max(0, now - oldest) / 1000.0);
            });
            query(c, "SELECT STATUS, COUNT(*) FROM CORE_JOB GROUP BY STATUS", List.of(), rs -> {
                do {
                    String status = rs.getString(1);
                    String key = "RUNNING".equals(status) ? "jobs.running" : "FAILED".equals(status) ? "jobs.failed"
                            : "SUCCEEDED".equals(status) || "DONE".equals(status) ? "jobs.done" : null;
                    if (key != null) {
                        out.merge(key, (double) rs.getLong(2), Double::sum);
                    }
                } while (rs.next());
            });
            out.putIfAbsent("jobs.running", 0.0);
            out.putIfAbsent("jobs.failed", 0.0);
            out.putIfAbsent("jobs.done", 0.0);
            query(c, "SELECT COALESCE(SUM(DONE_COUNT), 0), COALESCE(SUM(TOTAL_COUNT), 0) FROM CORE_JOB WHERE KIND = ? AND STATUS = ?",
                    List.of("registry.import", "RUNNING"), rs -> {
                        out.put("import.done", (double) rs.getLong(1));
                        out.put("import.total", (double) rs.getLong(2));
                    });
        } catch (SQLException e) {
            LOG.warn("Metrics could not read the outbox and jobs: {}", e.getMessage());
        }
        return out;
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, List<String> args, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }
}
