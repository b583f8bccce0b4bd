package org.sotay.reporting.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.api.security.Caller;
import org.sotay.core.testing.TestCallers;
import org.sotay.registry.impl.internal.RegistryHarness;
import org.sotay.reporting.api.ActivityReport;
import org.sotay.reporting.api.Adoption;
import org.sotay.reporting.api.AdoptionReport;
import org.sotay.reporting.api.UnitAdoption;

/**
 * The national benchmark of reporting (issue 11): not a test of the build (its name matches none of
 * surefire's patterns, and it does nothing unless {@code -Dsotay.bench.members} is given), run by
 * hand on PostgreSQL:
 *
 * <pre>
 * source /tmp/pgenv
 * ./mvnw -o -B test -pl bundles/reporting/org.sotay.reporting.impl -Dtest=NationalBenchmark \
 *     -Dsotay.test.db=postgresql -Dsotay.bench.members=5500000
 * </pre>
 *
 * It loads the registry's generated province at {@code members} through the demo loader's own path
 * (the registry harness's {@code demo}: {@code DemoProvince.write}, COPY on PostgreSQL, in one
 * transaction) into a schema of its own (dropped at the end), runs reporting's rebuild from scratch
 * (the same job an administrator starts) and times it, then times the root's adoption report and
 * activity report through {@link ReportingServiceImpl} (median and p95 of {@code runs} after
 * {@code warmup}) against the naive {@code GROUP BY} over the registry's raw tables that gives the
 * same figures (members of every unit below each child of the root, by path prefix), checks that
 * both give the same numbers for every child, and prints the ratio. Timings are printed and written
 * to {@code sotay.bench.out}, never asserted (they depend on the machine); the equality is asserted.
 */
class NationalBenchmark {
    private static final String ACTIVE = "('PROBATIONARY', 'OFFICIAL', 'EXEMPT')";
    /** The naive figures: per child of the root, every active member of a cell below it, counted from REG_MEMBER. */
    static final String NAIVE = "SELECT c.ID, COUNT(*),"
            + " SUM(CASE WHEN m.STATUS = 'EXEMPT' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN m.STATUS <> 'EXEMPT' AND m.USES_SMARTPHONE THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN m.APP_INSTALLED THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN m.ACCOUNT_REGISTERED THEN 1 ELSE 0 END)"
            + " FROM REG_UNIT c JOIN REG_UNIT u ON u.PATH LIKE c.PATH || '%' JOIN REG_MEMBER m ON m.CELL_ID = u.ID"
            + " WHERE c.PARENT_ID = ? AND c.VALID_TO IS NULL AND u.VALID_TO IS NULL AND m.STATUS IN " + ACTIVE
            + " GROUP BY c.ID";

    private final List<String> out = new ArrayList<>();

    @Test
    void national() throws Exception {
        String size = System.getProperty("sotay.bench.members");
        assumeTrue(size != null && !size.isBlank(), "the national benchmark runs only with -Dsotay.bench.members=<n>");
        assumeTrue("postgresql".equals(System.getProperty("sotay.test.db")), "the national benchmark runs on PostgreSQL only (-Dsotay.test.db=postgresql)");
        int members = Integer.parseInt(size.replace("_", ""));
        int runs = Integer.getInteger("sotay.bench.runs", 50);
        int warmup = Integer.getInteger("sotay.bench.warmup", 10);
        int naiveRuns = Integer.getInteger("sotay.bench.naiveRuns", 5);
        long seed = Long.getLong("sotay.bench.seed", 20240525L);

        try (ReportingFixture f = ReportingFixture.start()) {
            String pg = one(f, "SELECT version()");
            line("Sotay reporting national benchmark %s", Instant.now());
            line("machine: %d cores, %.0f GiB heap max; %s %s; %s", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / 1073741824.0, System.getProperty("java.vm.name"), System.getProperty("java.version"), pg);
            line("database: %s (its own schema, dropped at the end) at %s; members %,d, seed %d", f.p.database(), System.getenv("SOTAY_TEST_PG_URL"),
                    members, seed);

            long t0 = System.nanoTime();
            RegistryHarness.Demo demo = f.registry.demo(f.p, members, seed);
            double loadS = seconds(t0);
            line("load: %,d members, %,d cells in %.1f s (%,.0f members/s) through DemoProvince.write (the demo loader's path, one transaction: COPY on PostgreSQL, batches on Derby)",
                    demo.members(), demo.cells(), loadS, demo.members() / loadS);
            long ta = System.nanoTime();
            analyze(f);
            line("ANALYZE of the schema's tables (what autovacuum would do): %.1f s", seconds(ta));

            long tr = System.nanoTime();
            JobState started = f.aggregator.rebuild("benchmark");
            JobState done = awaitRebuild(f, started.id());
            double rebuildS = seconds(tr);
            assertEquals(JobState.Status.DONE, done.status(), () -> "the rebuild ended " + done.status() + ": " + done);
            line("rebuild from scratch: %.1f s (%,.0f members/s); %s", rebuildS, demo.members() / rebuildS, done.result());
            analyze(f);

            Caller reader = TestCallers.caller("bench", Map.of("reporting.read", Set.of(demo.rootId())));
            f.as(reader);
            AdoptionReport report = f.reports.adoption(demo.rootId(), null, false);
            Map<String, long[]> kept = new TreeMap<>();
            for (UnitAdoption u : report.children()) {
                Adoption a = u.figures();
                kept.put(u.unit().id(), new long[] { a.members(), a.exempt(), a.target(), a.installed(), a.registered() });
            }
            Map<String, long[]> naive = naive(f, demo.rootId());
            line("root: %,d members, installed %s%% of all, %s%% of target; %d children", report.total().figures().members(),
                    report.total().figures().installedOfAll().percent(), report.total().figures().installedOfTarget().percent(), kept.size());
            assertEquals(demo.members(), report.total().figures().members(), "every generated member is counted at the root");
            assertEquals(demo.installed(), report.total().figures().installed(), "every installed member is counted at the root");
            assertEquals(naive.keySet(), kept.keySet(), "the same children");
            for (String child : naive.keySet()) {
                assertEquals(Arrays.toString(naive.get(child)), Arrays.toString(kept.get(child)),
                        "child " + child + ": [members, exempt, target, installed, registered] from the raw tables and from reporting");
            }
            line("check: the report and the naive GROUP BY agree on [members, exempt, target, installed, registered] for all %d children", kept.size());

            double[] adoption = time(warmup, runs, () -> f.reports.adoption(demo.rootId(), null, false));
            double[] activity = time(warmup, runs, () -> f.reports.activity(demo.rootId(), null, false, false));
            ActivityReport act = f.reports.activity(demo.rootId(), null, false, false);
            double[] raw = time(1, naiveRuns, () -> naive(f, demo.rootId()));
            line("");
            line("%-34s %6s %10s %10s", "query (after warm-up)", "runs", "median ms", "p95 ms");
            row("adoption report, root (reporting)", runs, adoption);
            row("activity report, root (reporting)", runs, activity);
            row("naive GROUP BY over REG_*", naiveRuns, raw);
            line("");
            line("activity: %,d cells at the root in period %s (no meetings generated: every step 0)", act.total().cells(), act.period());
            line("ratio naive / adoption report (medians) = %.1f x; bars: report under 1000 ms: %s, at least 5x: %s", raw[0] / adoption[0],
                    adoption[0] < 1000 ? "yes" : "NO", raw[0] / adoption[0] >= 5 ? "yes" : "NO");
        } finally {
            String text = String.join("\n", out) + "\n";
            Path file = Path.of(System.getProperty("sotay.bench.out", "target/national-benchmark.txt"));
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("could not write " + file + ": " + e);
            }
        }
    }

    private static JobState awaitRebuild(ReportingFixture f, String id) throws InterruptedException {
        while (true) {
            JobState s = f.aggregator.job(id).orElseThrow();
            if (s.status() != JobState.Status.RUNNING) {
                return s;
            }
            Thread.sleep(200);
        }
    }

    private static Map<String, long[]> naive(ReportingFixture f, String root) {
        Map<String, long[]> out = new TreeMap<>();
        try (Connection c = f.p.connection(); PreparedStatement ps = c.prepareStatement(NAIVE)) {
            ps.setString(1, root);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6) });
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void analyze(ReportingFixture f) throws SQLException {
        List<String> tables = f.p.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
                rs -> rs.getString(1));
        try (Connection c = f.p.connection(); Statement st = c.createStatement()) {
            for (String t : tables) {
                st.execute("ANALYZE \"" + t.replace("\"", "") + "\"");
            }
        }
    }

    private static String one(ReportingFixture f, String sql) {
        return f.p.query(sql, rs -> rs.getString(1)).get(0);
    }

    /** {median, p95} in ms of {@code runs} calls after {@code warmup} discarded ones. */
    private static double[] time(int warmup, int runs, Supplier<?> work) {
        for (int i = 0; i < warmup; i++) {
            work.get();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] { percentile(ms, 50), percentile(ms, 95) };
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private void row(String what, int runs, double[] t) {
        line("%-34s %6d %10.2f %10.2f", what, runs, t[0], t[1]);
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        out.add(s);
        System.out.println(s);
    }
}
