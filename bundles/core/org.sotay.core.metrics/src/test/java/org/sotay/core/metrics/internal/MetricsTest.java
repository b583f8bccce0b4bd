package org.sotay.core.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.ws.rs.Path;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.spi.ScheduleRun;

import io.micrometer.core.instrument.Timer;

/** The node's figures on a real (in-memory Derby) database with core's own tables, scraped as Prometheus reads them. */
class MetricsTest {
    private EmbeddedDataSource ds;
    private Metrics metrics;

    static MetricsConfig config(String tokenSha) {
        return (MetricsConfig) Proxy.newProxyInstance(MetricsConfig.class.getClassLoader(), new Class<?>[] { MetricsConfig.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "scrapeTokenSha256" -> tokenSha;
                    case "databaseFiguresSeconds" -> 0;
                    default -> method.getDefaultValue();
                });
    }

    @BeforeEach
    void database() throws Exception {
        ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:metrics" + System.nanoTime());
        ds.setCreateDatabase("create");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String file : new String[] { "V3__outbox.sql", "V5__scheduler.sql" }) {
                try (InputStream in = Metrics.class.getClassLoader().getResourceAsStream("db/migration/core/" + file)) {
                    String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
                    for (String statement : sql.split(";")) {
                        if (!statement.isBlank()) {
                            s.execute(statement);
                        }
                    }
                }
            }
        }
        metrics = new Metrics(config(""), ds);
    }

    @AfterEach
    void close() {
        metrics.deactivate();
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(m.find(), series + " in\n" + scrape);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theOutboxAndTheJobsAreReadFromCoresTables() throws Exception {
        long now = System.currentTimeMillis();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO CORE_OUTBOX (ID, TOPIC, PROPERTIES, CREATED_MS, ATTEMPTS) VALUES ('e1', 't', '{}', " + (now - 90_000) + ", 0)");
            s.execute("INSERT INTO CORE_OUTBOX (ID, TOPIC, PROPERTIES, CREATED_MS, ATTEMPTS) VALUES ('e2', 't', '{}', " + now + ", 0)");
            s.execute("INSERT INTO CORE_OUTBOX (ID, TOPIC, PROPERTIES, CREATED_MS, DELIVERED_MS, ATTEMPTS) VALUES ('e3', 't', '{}', 1, 2, 1)");
            s.execute("INSERT INTO CORE_JOB (ID, KIND, OWNER, NODE, STATUS, PHASE, DONE_COUNT, TOTAL_COUNT, STARTED_MS, UPDATED_MS)"
                    + " VALUES ('j1', 'registry.import', 'a', 'n', 'RUNNING', 'checking', 400, 1000, 1, 1)");
            s.execute("INSERT INTO CORE_JOB (ID, KIND, OWNER, NODE, STATUS, PHASE, DONE_COUNT, TOTAL_COUNT, STARTED_MS, UPDATED_MS)"
                    + " VALUES ('j2', 'reporting.rebuild', 'a', 'n', 'FAILED', 'x', 0, 0, 1, 1)");
        }
        String scrape = metrics.scrape();
        assertEquals(2.0, value(scrape, "sotay_outbox_pending"));
        double oldest = value(scrape, "sotay_outbox_oldest_pending_seconds");
        assertTrue(oldest >= 90 && oldest < 200, "oldest " + oldest);
        assertEquals(1.0, value(scrape, "sotay_jobs_running"));
        assertEquals(1.0, value(scrape, "sotay_jobs_failed"));
        assertEquals(0.0, value(scrape, "sotay_jobs_succeeded"));
        assertEquals(400.0, value(scrape, "sotay_import_rows_done"));
        assertEquals(1000.0, value(scrape, "sotay_import_rows_planned"));
        assertTrue(scrape.contains("jvm_memory_used_bytes"), "the JVM's figures too");
    }

    @Test
    void scheduleRunsAreCountedByOutcomeWithTheirDurationAndOverruns() {
        ScheduleMetrics observer = new ScheduleMetrics(metrics.registry());
        observer.observed(new ScheduleRun("core.outbox", "org.sotay.core.persistence", true, ScheduleRun.Outcome.SUCCEEDED, 2_000_000, false));
        observer.observed(new ScheduleRun("core.outbox", "org.sotay.core.persistence", true, ScheduleRun.Outcome.SUCCEEDED, 4_000_000, false));
        observer.observed(new ScheduleRun("core.outbox", "org.sotay.core.persistence", true, ScheduleRun.Outcome.FAILED, 90_000_000_000L, true));
        observer.observed(new ScheduleRun("notify.deliveries", "org.sotay.notify.impl", true, ScheduleRun.Outcome.SKIPPED, 0, false));
        observer.observed(new ScheduleRun("core.heartbeat", "org.sotay.core.persistence", false, ScheduleRun.Outcome.SUCCEEDED, 1_000_000, false));
        String scrape = metrics.scrape();
        assertEquals(2.0, value(scrape, "sotay_schedule_runs_total{outcome=\"succeeded\",schedule=\"core.outbox\",scope=\"cluster\"}"));
        assertEquals(1.0, value(scrape, "sotay_schedule_runs_total{outcome=\"failed\",schedule=\"core.outbox\",scope=\"cluster\"}"));
        assertEquals(1.0, value(scrape, "sotay_schedule_runs_total{outcome=\"skipped\",schedule=\"notify.deliveries\",scope=\"cluster\"}"));
        assertEquals(1.0, value(scrape, "sotay_schedule_runs_total{outcome=\"succeeded\",schedule=\"core.heartbeat\",scope=\"node\"}"));
        assertEquals(3.0, value(scrape, "sotay_schedule_duration_seconds_count{schedule=\"core.outbox\"}"));
        assertEquals(90.006, value(scrape, "sotay_schedule_duration_seconds_sum{schedule=\"core.outbox\"}"), 1e-9);
        assertEquals(1.0, value(scrape, "sotay_schedule_overruns_total{schedule=\"core.outbox\"}"));
        assertFalse(scrape.contains("sotay_schedule_duration_seconds_count{schedule=\"notify.deliveries\"}"), "a skip ran nothing: no duration");
    }

    @Test
    void requestsAreCountedPerTemplateWithTheGoalsAsBuckets() {
        String template = RequestMetrics.template(pathOf("v1/members"), pathOf("{id: [a-f0-9-]+}/transfers"));
        assertEquals("/v1/members/{id}/transfers", template);
        assertEquals("/v1/health", RequestMetrics.template(pathOf("v1/health"), null));
        Timer t = Timer.builder("http.server.requests").tag("method", "GET").tag("uri", template).tag("status", "200")
                .tag("outcome", RequestMetrics.outcome(200)).serviceLevelObjectives(Duration.ofMillis(50)).register(metrics.registry());
        t.record(Duration.ofMillis(12));
        t.record(Duration.ofMillis(70));
        String scrape = metrics.scrape();
        String labels = "method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/v1/members/{id}/transfers\"";
        assertEquals(2.0, value(scrape, "http_server_requests_seconds_count{" + labels + "}"));
        assertEquals(1.0, value(scrape, "http_server_requests_seconds_bucket{" + labels + ",le=\"0.05\"}"));
        assertEquals("SERVER_ERROR", RequestMetrics.outcome(503));
        assertEquals("CLIENT_ERROR", RequestMetrics.outcome(404));
    }

    @Test
    void theScrapeTokenIsCheckedAgainstItsHash() {
        assertEquals("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", MetricsResource.sha256("test"));
    }

    private static Path pathOf(String value) {
        return new Path() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return Path.class;
            }

            @Override
            public String value() {
                return value;
            }
        };
    }
}
