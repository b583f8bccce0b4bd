package org.sotay.registry.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.sotay.core.testing.TestPlatform;

/**
 * The demo generator's two ways of writing timed against each other in one run (issue 13): not a test
 * of the build (its name matches no surefire pattern and it does nothing without
 * {@code -Dsotay.bench.members}), run by hand on PostgreSQL:
 *
 * <pre>
 * source /tmp/pgenv
 * ./mvnw -o -B test -pl bundles/core/org.sotay.core.api,bundles/core/org.sotay.core.testing,bundles/registry/org.sotay.registry.impl \
 *     -Dtest=DemoLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dsotay.test.db=postgresql \
 *     -Dsotay.bench.members=100000 -Dsotay.bench.out=$PWD/benchmarks/results/demo-load-100k.txt
 * # optional: -Dsotay.bench.rounds=2 -Dsotay.bench.seed=20240525
 * </pre>
 *
 * Each round loads the same seeded province twice, each time into a fresh schema of its own with the
 * registry's migrations, once by JDBC batches (the path before, still Derby's) and once by COPY, in
 * alternating order, timed to the commit; then the ratios of the best and of the mean times.
 */
class DemoLoadBenchmark {
    private final List<String> out = new ArrayList<>();

    @Test
    void batchesAgainstCopy() throws Exception {
        String size = System.getProperty("sotay.bench.members");
        assumeTrue(size != null && !size.isBlank(), "runs only with -Dsotay.bench.members=<n>");
        int members = Integer.parseInt(size.replace("_", ""));
        int rounds = Integer.getInteger("sotay.bench.rounds", 2);
        long seed = Long.getLong("sotay.bench.seed", 20240525L);
        try {
            line("Sotay demo load benchmark %s: %,d members, seed %d, %d rounds", Instant.now(), members, seed, rounds);
            line("machine: %d cores, %.0f GiB heap max; %s %s; load average at start %.2f", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / 1073741824.0, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            double[] batches = new double[rounds];
            double[] copy = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                boolean copyFirst = i % 2 == 1;
                double first = load(members, seed, copyFirst ? DemoRows.Load.COPY : DemoRows.Load.BATCHES);
                double second = load(members, seed, copyFirst ? DemoRows.Load.BATCHES : DemoRows.Load.COPY);
                batches[i] = copyFirst ? second : first;
                copy[i] = copyFirst ? first : second;
            }
            double b = sorted(batches)[0];
            double c = sorted(copy)[0];
            double bm = java.util.Arrays.stream(batches).average().orElse(0);
            double cm = java.util.Arrays.stream(copy).average().orElse(0);
            line("");
            line("best of %d: batches %.1f s (%,.0f members/s), COPY %.1f s (%,.0f members/s): COPY %.1f x faster", rounds, b, members / b, c,
                    members / c, b / c);
            line("mean of %d: batches %.1f s, COPY %.1f s: COPY %.1f x faster; load average at end %.2f", rounds, bm, cm, bm / cm,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            Path file = Path.of(System.getProperty("sotay.bench.out", "target/demo-load-benchmark.txt"));
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(file, String.join("\n", out) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("could not write " + file + ": " + e);
            }
        }
    }

    private double load(int members, long seed, DemoRows.Load load) throws Exception {
        try (TestPlatform p = TestPlatform.start()) {
            assumeTrue("postgresql".equals(p.dialect()) || load == DemoRows.Load.BATCHES, "COPY needs -Dsotay.test.db=postgresql");
            p.migrate("registry", "db/migration/registry");
            long t0 = System.nanoTime();
            DemoProvince.Result r;
            try (Connection c = p.connection()) {
                c.setAutoCommit(false);
                r = new DemoProvince(DemoProvince.Plan.ofMembers(members, seed), LocalDate.now(p.systemClock()), p.systemClock().millis())
                        .write(c, "demo", load);
                c.commit();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            long words = p.query("SELECT COUNT(*) FROM REG_MEMBER_WORD", rs -> rs.getLong(1)).get(0);
            assertEquals(members, r.members());
            line("%-8s %,d members, %,d cells, %,d units, %,d name index rows in %.1f s (%,.0f members/s), load average %.2f", load, r.members(),
                    r.cells(), r.units(), words, s, members / s,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return s;
        }
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s;
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        out.add(s);
        System.out.println(s);
    }
}
