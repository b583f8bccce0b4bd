package org.sotay.registry.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestPlatform;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;

/**
 * The registry's reads at national size (issue 13): not a test of the build (its name matches no
 * surefire pattern and it does nothing without {@code -Dsotay.bench.members}), run by hand:
 *
 * <pre>
 * source /tmp/pgenv
 * ./mvnw -o -B test -pl bundles/core/org.sotay.core.api,bundles/registry/org.sotay.registry.impl -Dtest=MemberSearchBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dsotay.test.db=postgresql -Dsotay.bench.members=1000000 \
 *     -Dsotay.bench.out=$PWD/benchmarks/results/registry-search-1M.txt
 * </pre>
 *
 * Loads the generated province ({@code DemoProvince.write}, the demo loader's path, name index
 * included: COPY on PostgreSQL) into a schema of its own, runs {@code ANALYZE}, then, with one client, times through the
 * real {@link MemberService}: name searches (queries made of generated names) as the root's
 * administrator and as a district's, beside the old scan they replace (the old service's two
 * statements, {@code COUNT} and the ordered page over {@code NAME_KEY LIKE '%x%'}) on the same queries
 * in the same run, interleaved; card-number prefix searches; pages deep in a district and in the
 * whole tree by cursor, beside the old offset page (offset 50,000 with its {@code COUNT}); the district's
 * name search beside the same search joined to the member and its cell as before V9. Checks
 * what every answer holds (every query word begins a word of the name, Vietnamese order, the member
 * whose name was the query is found, card prefixes). Timings are printed and written, not asserted.
 */
class MemberSearchBenchmark {
    private final List<String> out = new ArrayList<>();

    @Test
    void national() throws Exception {
        String size = System.getProperty("sotay.bench.members");
        assumeTrue(size != null && !size.isBlank(), "runs only with -Dsotay.bench.members=<n>");
        int members = Integer.parseInt(size.replace("_", ""));
        int runs = Integer.getInteger("sotay.bench.runs", 200);
        int warmup = Integer.getInteger("sotay.bench.warmup", 20);
        int oldRuns = Integer.getInteger("sotay.bench.oldRuns", 20);
        long seed = Long.getLong("sotay.bench.seed", 20240525L);
        try (TestPlatform p = TestPlatform.start()) {
            RegistryHarness r = RegistryHarness.on(p);
            line("Sotay registry search benchmark %s", Instant.now());
            line("machine: %d cores, %.0f GiB heap max; %s %s; database %s", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / 1073741824.0, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    p.database());
            long there = p.query("SELECT COUNT(*) FROM REG_MEMBER", rs -> rs.getLong(1)).get(0);
            String root;
            if (there == 0) {
                long t0 = System.nanoTime();
                RegistryHarness.Demo demo = r.demo(p, members, seed);
                double loadS = (System.nanoTime() - t0) / 1e9;
                long words = p.query("SELECT COUNT(*) FROM REG_MEMBER_WORD", rs -> rs.getLong(1)).get(0);
                String way;
                try (Connection c = p.connection()) {
                    way = DemoRows.copyAvailable(c) ? "COPY, indexes and foreign keys made after the rows" : "JDBC batches";
                }
                line("load: %,d members, %,d cells, %,d name index rows (%.1f per member) in %.1f s (%,.0f members/s), DemoProvince.write (%s);"
                        + " load average %.2f", demo.members(), demo.cells(), words, words / (double) demo.members(), loadS, demo.members() / loadS, way,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                long ta = System.nanoTime();
                analyze(p);
                line("VACUUM ANALYZE / ANALYZE of the registry's tables (what autovacuum does): %.1f s; load average %.2f", (System.nanoTime() - ta) / 1e9,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                root = demo.rootId();
            } else {
                // -Dsotay.test.pg.schema=<a schema an earlier run loaded>: the same data, timed again
                root = p.query("SELECT ID FROM REG_UNIT WHERE PARENT_ID IS NULL", rs -> rs.getString(1)).get(0);
                line("data: %,d members already loaded (a schema of an earlier run, kept with -Dsotay.test.pg.schema)", there);
            }
            String district = p.query("SELECT ID FROM REG_UNIT WHERE PARENT_ID = ? ORDER BY CODE", rs -> rs.getString(1), root).get(0);
            String districtPath = p.query("SELECT PATH FROM REG_UNIT WHERE ID = ?", rs -> rs.getString(1), district).get(0);
            long inDistrict = p.query("SELECT COUNT(*) FROM REG_MEMBER m JOIN REG_UNIT u ON u.ID = m.CELL_ID WHERE u.PATH LIKE ?",
                    rs -> rs.getLong(1), districtPath + "%").get(0);
            line("district %s: %,d members", district, inDistrict);
            MemberService service = r.members();
            var admin = TestCallers.caller("bench-root", Map.of("registry.read", Set.of(root)));
            var districtAdmin = TestCallers.caller("bench-district", Map.of("registry.read", Set.of(district)));

            // queries from generated names: "family given", "middle given", "given", and a full name without diacritics
            Random rnd = new Random(seed);
            List<String[]> sample = p.query("SELECT FULL_NAME, CARD_NUMBER, ID, SORT_KEY FROM REG_MEMBER WHERE CARD_NUMBER LIKE ?",
                    rs -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) }, "08%1");
            List<String> queries = new ArrayList<>();
            List<String> cards = new ArrayList<>();
            List<String[]> keys = new ArrayList<>();
            for (int i = 0; i < runs + warmup; i++) {
                String[] m = sample.get(rnd.nextInt(sample.size()));
                String[] w = VietnameseText.fold(m[0]).split(" ");
                queries.add(switch (i % 4) {
                case 0 -> w[0] + " " + w[w.length - 1];
                case 1 -> w[Math.max(0, w.length - 2)] + " " + w[w.length - 1];
                case 2 -> w[w.length - 1];
                default -> VietnameseText.fold(m[0]);
                });
                // a district's caller asks for names of its own district (as a district office does)
                cards.add(m[1].substring(0, 7));
                keys.add(new String[] { m[3], m[2] });
            }
            // checks, on the first 50 queries
            p.callers().as(admin);
            for (int i = 0; i < Math.min(50, queries.size()); i++) {
                String q = queries.get(i);
                String prefix = cards.get(i);
                Page<Member> page = service.search(new MemberQuery(q, null, null, null, null, null), PageRequest.first(20));
                assertTrue(page.getTotal() > 0, q);
                check(q, page.getItems());
                Page<Member> c = service.search(new MemberQuery(prefix, null, null, null, null, null), PageRequest.first(20));
                assertTrue(!c.getItems().isEmpty() && c.getItems().stream().allMatch(m -> m.cardNumber().startsWith(prefix)), prefix);
                assertEquals(c.getItems().stream().map(Member::cardNumber).sorted().toList(), c.getItems().stream().map(Member::cardNumber).toList());
            }
            line("check: 50 name searches (every query word begins a word of each name, Vietnamese order) and 50 card prefixes (card order): ok");

            // timings, interleaved: the new search for every query, the old scan for every (runs / oldRuns)-th
            double[] fresh = new double[runs];
            double[] old = new double[oldRuns];
            double[] freshD = new double[runs];
            double[] joinD = new double[oldRuns];
            double[] card = new double[runs];
            double[] deepD = new double[runs];
            double[] deepRoot = new double[runs];
            long[] hits = new long[3];
            int every = Math.max(1, runs / oldRuns);
            try (Connection c = p.connection()) {
                for (int i = 0; i < warmup + runs; i++) {
                    String q = queries.get(i);
                    int at = i - warmup;
                    p.callers().as(admin);
                    double t = ms(() -> service.search(new MemberQuery(q, null, null, null, null, null), PageRequest.first(20)));
                    double tc = ms(() -> service.search(new MemberQuery(cards.get(q.length() % cards.size()), null, null, null, null, null),
                            PageRequest.first(20)));
                    String[] k = keys.get(i);
                    String cursor = MemberSearch.encode(MemberSearch.Mode.LIST, k[0], k[1]);
                    double tr = ms(() -> service.search(MemberQuery.all(), PageRequest.after(cursor, 50)));
                    double td = ms(() -> service.search(new MemberQuery(null, district, null, null, null, null), PageRequest.after(cursor, 50)));
                    p.callers().as(districtAdmin);
                    double tq = ms(() -> service.search(new MemberQuery(q, null, null, null, null, null), PageRequest.first(20)));
                    if (at >= 0) {
                        fresh[at] = t;
                        card[at] = tc;
                        deepRoot[at] = tr;
                        deepD[at] = td;
                        freshD[at] = tq;
                        if (at % every == 0 && at / every < oldRuns) {
                            long t1 = System.nanoTime();
                            hits[0] += oldScan(c, q);
                            old[at / every] = (System.nanoTime() - t1) / 1e6;
                            t1 = System.nanoTime();
                            hits[1] += districtByMemberJoin(c, q, districtPath);
                            joinD[at / every] = (System.nanoTime() - t1) / 1e6;
                        }
                    }
                }
                double[] oldOffset = new double[Math.max(3, oldRuns / 4)];
                for (int i = 0; i < oldOffset.length; i++) {
                    long t1 = System.nanoTime();
                    oldOffsetPage(c, districtPath);
                    oldOffset[i] = (System.nanoTime() - t1) / 1e6;
                }
                line("");
                line("%-62s %6s %10s %10s", "query (one client, after warm-up)", "runs", "median ms", "p95 ms");
                double[] n = stats(fresh);
                double[] o = stats(old);
                row("name search, root scope, index (new)", runs, n);
                row("name search, root scope, old scan (COUNT + page, LIKE '%x%')", oldRuns, o);
                row("name search, district scope, index (new)", runs, stats(freshD));
                row("name search, district scope, before V9 (join member, cell)", oldRuns, stats(joinD));
                row("card prefix (7 digits), root scope (new)", runs, stats(card));
                row("page of 50 deep in the whole tree, by cursor (new)", runs, stats(deepRoot));
                row("page of 50 deep in a district, by cursor (new)", runs, stats(deepD));
                row("old: page of 50 at offset 50,000 in the district + COUNT", oldOffset.length, stats(oldOffset));
                line("");
                line("load average at the end of the timings %.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                line("ratio old scan / index (name search, root scope): median %.1f x, p95 %.1f x; bars: p95 < 50 ms: %s, >= 20x: %s",
                        o[0] / n[0], o[1] / n[1], n[1] < 50 ? "yes" : "NO", o[1] / n[1] >= 20 ? "yes" : "NO");
            }
        } finally {
            Path file = Path.of(System.getProperty("sotay.bench.out", "target/registry-search-benchmark.txt"));
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

    private static void check(String q, List<Member> items) {
        List<String> words = MemberWords.words(VietnameseText.fold(q));
        String previous = "";
        for (Member m : items) {
            List<String> have = MemberWords.words(VietnameseText.fold(m.fullName()));
            for (String w : words) {
                assertTrue(have.stream().anyMatch(h -> h.startsWith(w)), q + " in " + m.fullName());
            }
            String key = VietnameseText.nameSortKey(m.fullName());
            assertTrue(previous.compareTo(key) <= 0, "Vietnamese order at " + m.fullName());
            previous = key;
        }
    }

    /** The old service's name search as the root's administrator saw it: COUNT, then the ordered page. */
    private static long oldScan(Connection c, String q) throws SQLException {
        String like = "%" + q + "%";
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM REG_MEMBER m WHERE m.NAME_KEY LIKE ?")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM REG_MEMBER m WHERE m.NAME_KEY LIKE ? ORDER BY m.SORT_KEY, m.ID"
                + " OFFSET 0 ROWS FETCH FIRST 20 ROWS ONLY")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString(1);
                }
            }
        }
        return total;
    }

    /**
     * The district's name search as the service ran it before V9 put the cell on the index row: the
     * same driving word (the rarest, counted up to 1,001 rows) and the same page and bounded total, but
     * each index row joined to its member and the member's cell for the scope. By plain JDBC.
     */
    private static long districtByMemberJoin(Connection c, String q, String path) throws SQLException {
        List<String> words = MemberWords.words(VietnameseText.fold(q));
        String driver = null;
        long driverRows = Long.MAX_VALUE;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 AS ONE FROM REG_MEMBER_WORD WHERE WORD = ?"
                + " FETCH FIRST 1001 ROWS ONLY) t")) {
            for (String w : words) {
                ps.setString(1, w);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) < driverRows) {
                        driverRows = rs.getLong(1);
                        driver = w;
                    }
                }
            }
        }
        StringBuilder where = new StringBuilder(" JOIN REG_MEMBER m ON m.ID = w.MEMBER_ID JOIN REG_UNIT u ON u.ID = m.CELL_ID WHERE w.WORD = ?");
        List<String> params = new ArrayList<>(List.of(driver));
        for (String w : words) {
            if (!w.equals(driver)) {
                where.append(" AND w.WORDS LIKE ?");
                params.add("% " + w + "%");
            }
        }
        where.append(" AND u.PATH >= ? AND u.PATH < ?");
        params.add(path);
        params.add(path.substring(0, path.length() - 1) + (char) (path.charAt(path.length() - 1) + 1));
        String table = driverRows > 1000 ? "(SELECT * FROM REG_MEMBER_WORD WHERE WORD = ? ORDER BY SORT_KEY, MEMBER_ID FETCH FIRST 1000 ROWS ONLY) w"
                : "REG_MEMBER_WORD w";
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT w.SORT_KEY, w.MEMBER_ID FROM REG_MEMBER_WORD w" + where
                + " ORDER BY w.SORT_KEY, w.MEMBER_ID OFFSET 0 ROWS FETCH FIRST 21 ROWS ONLY")) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 AS ONE FROM " + table + where + " FETCH FIRST 2001 ROWS ONLY) t")) {
            int i = 1;
            if (driverRows > 1000) {
                ps.setString(i++, driver);
            }
            for (String v : params) {
                ps.setString(i++, v);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                n += rs.getLong(1);
            }
        }
        return n;
    }

    /** The old service's list of a district at offset 50,000: COUNT of the subtree, then the page. */
    private static void oldOffsetPage(Connection c, String path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM REG_MEMBER m, REG_UNIT u WHERE m.CELL_ID = u.ID AND u.PATH LIKE ?")) {
            ps.setString(1, path + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT m.* FROM REG_MEMBER m, REG_UNIT u WHERE m.CELL_ID = u.ID AND u.PATH LIKE ?"
                + " ORDER BY m.SORT_KEY, m.ID OFFSET 50000 ROWS FETCH FIRST 50 ROWS ONLY")) {
            ps.setString(1, path + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString(1);
                }
            }
        }
    }

    private static void analyze(TestPlatform p) throws SQLException {
        try (Connection c = p.connection(); Statement st = c.createStatement()) {
            for (String t : List.of("REG_UNIT", "REG_MEMBER", "REG_MEMBER_WORD", "REG_MEMBERSHIP")) {
                st.execute("postgresql".equals(p.dialect()) ? "VACUUM ANALYZE " + t : "CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS(CURRENT SCHEMA, '" + t + "', NULL)");
            }
        }
    }

    private static double ms(Runnable work) {
        long t = System.nanoTime();
        work.run();
        return (System.nanoTime() - t) / 1e6;
    }

    private static double[] stats(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return new double[] { percentile(s, 50), percentile(s, 95) };
    }

    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private void row(String what, int runs, double[] t) {
        line("%-62s %6d %10.2f %10.2f", what, runs, t[0], t[1]);
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        out.add(s);
        System.out.println(s);
    }
}
