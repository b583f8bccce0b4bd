package org.sotay.reporting.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.testing.TestPlatform;
import org.sotay.reporting.api.CellNeedingHelp;
import org.sotay.reporting.impl.internal.Figures.Row;

/**
 * The cells needing help at national size (issue 11): not a test of the build (its name matches no
 * surefire pattern; it does nothing without {@code -Dsotay.bench.cells}), run by hand:
 *
 * <pre>
 * source /tmp/pgenv
 * ./mvnw -o -B test -pl bundles/reporting/org.sotay.reporting.impl -Dtest=CellsNeedingHelpBenchmark \
 *     -Dsotay.test.db=postgresql -Dsotay.bench.cells=60000      # without -Dsotay.test.db: Derby
 * </pre>
 *
 * It writes reporting's own rows for a generated tree (a root, grassroots committees of 86 cells,
 * {@code cells} cells with Vietnamese names, members and installs, a fifth without internet; this
 * month's period for 70% of them with random steps, late documents and meetings without minutes)
 * through {@link Figures#replace} (the code that writes the keys) and batched inserts, then times
 * {@link ActivityQueries#cellsNeedingHelp} at the root (the first page, a page in the middle, a
 * reason) and at one committee (median and p95 after a warm-up), and checks the first page, the
 * middle page and the totals against the same list computed in Java from the generated rows.
 */
class CellsNeedingHelpBenchmark {
    private static final String[] WORDS = { "Nà", "Bản", "Khuổi", "Pác", "Đồng", "Tân", "Ải", "Lũng", "Phiêng", "Cốc", "Thôm", "Nặm", "Hồng", "Ỏ",
            "Vằng", "Chang", "Mường", "Ngòi", "Yên", "Tát", "Kéo", "Làng", "Xóm", "Tổ" };
    private final List<String> out = new ArrayList<>();

    record Cell(String id, String name, String parentName, long members, long installed, boolean offline, Integer steps, boolean docsLate,
            Long minutesDue) {
    }

    @Test
    void national() throws Exception {
        String size = System.getProperty("sotay.bench.cells");
        assumeTrue(size != null && !size.isBlank(), "runs only with -Dsotay.bench.cells=<n>");
        int cells = Integer.parseInt(size.replace("_", ""));
        int runs = Integer.getInteger("sotay.bench.runs", 30);
        int warmup = Integer.getInteger("sotay.bench.warmup", 5);
        Random random = new Random(Long.getLong("sotay.bench.seed", 20261202L));
        try (TestPlatform p = TestPlatform.start()) {
            p.migrate("reporting", "db/migration/reporting");
            String dialect = p.dialect();
            line("Sotay cells needing help benchmark %s: %s, %,d cells; %d cores; %s %s", Instant.now(), dialect, cells,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
            ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
            LocalDate today = LocalDate.now(zone);
            YearMonth period = YearMonth.from(today);
            long now = System.currentTimeMillis();
            int day = (int) today.toEpochDay();
            String root = "root-0000";
            List<Cell> all = new ArrayList<>();
            List<String[]> committees = new ArrayList<>();
            long t0 = System.nanoTime();
            try (Connection c = p.connection()) {
                c.setAutoCommit(false);
                Figures.replace(c, null, new Row(root, day, null, null, "/" + root + "/", 0, "VN", "Đảng bộ quốc gia", "PROVINCE", false, 1, new long[Counts.SIZE],
                        now, Figures.parentKey(null)), day);
                int perCommittee = 86;
                try (PreparedStatement act = c.prepareStatement("INSERT INTO RPT_CELL_ACTIVITY (CELL_ID, PERIOD, STEPS, OFFLINE, PATH, UPDATED_MS, DOCS_LATE,"
                        + " MINUTES_DUE_MS) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (int g = 0; g * perCommittee < cells; g++) {
                        String gid = String.format("g-%05d", g);
                        String gname = "Đảng bộ xã " + name(random);
                        committees.add(new String[] { gid, gname });
                        String gpath = "/" + root + "/" + gid + "/";
                        Figures.replace(c, null, new Row(gid, day, null, root, gpath, 1, "G" + g, gname, "GRASSROOTS", false, 1, new long[Counts.SIZE], now,
                                Figures.parentKey("Đảng bộ quốc gia")), day);
                        for (int k = 0; k < perCommittee && g * perCommittee + k < cells; k++) {
                            String id = String.format("c-%07d", g * perCommittee + k);
                            String name = "Chi bộ thôn " + name(random);
                            long[] v = new long[Counts.SIZE];
                            v[Counts.CELLS] = 1;
                            v[Counts.MEMBERS] = 5 + random.nextInt(60);
                            v[Counts.INSTALLED] = random.nextInt(10) == 0 ? 0 : random.nextInt((int) v[Counts.MEMBERS] + 1);
                            boolean offline = random.nextInt(5) == 0;
                            v[Counts.OFFLINE_CELLS] = offline ? 1 : 0;
                            Figures.replace(c, null, new Row(id, day, null, gid, gpath + id + "/", 2, "C" + id, name, "CELL", true, 1, v, now,
                                    Figures.parentKey(gname)), day);
                            Integer steps = null;
                            boolean docsLate = false;
                            Long due = null;
                            if (random.nextInt(10) < 7) {
                                steps = random.nextInt(32) | 1;
                                docsLate = random.nextInt(6) == 0;
                                due = (steps & Meetings.MINUTES) == 0 ? now - random.nextInt(20) * 86_400_000L : null;
                                act.setString(1, id);
                                act.setString(2, period.toString());
                                act.setInt(3, steps);
                                act.setInt(4, offline ? 1 : 0);
                                act.setString(5, gpath + id + "/");
                                act.setLong(6, now);
                                act.setInt(7, docsLate ? 1 : 0);
                                act.setObject(8, due, java.sql.Types.BIGINT);
                                act.addBatch();
                            }
                            all.add(new Cell(id, name, gname, v[Counts.MEMBERS], v[Counts.INSTALLED], offline, steps, docsLate, due));
                        }
                        act.executeBatch();
                    }
                }
                int kept = Help.refreshAll(c, zone, now);
                c.commit();
                line("kept the cells needing help of %,d cells (Help.refreshAll) in %.1f s since the start", kept, (System.nanoTime() - t0) / 1e9);
            }
            line("written: %,d cells under %,d committees in %.1f s", all.size(), committees.size(), (System.nanoTime() - t0) / 1e9);
            if ("postgresql".equals(dialect)) {
                try (Connection c = p.connection(); Statement st = c.createStatement()) {
                    st.execute("ANALYZE RPT_UNIT");
                    st.execute("ANALYZE RPT_CELL_ACTIVITY");
                    st.execute("ANALYZE RPT_HELP_CELL");
                    st.execute("ANALYZE RPT_HELP_PERIOD");
                    st.execute("ANALYZE RPT_HELP_COUNT");
                }
            }
            int deadlineDay = 20;
            int minutesDays = 7;
            LocalDate deadline = period.minusMonths(1).atDay(deadlineDay);
            // minutes are missing once the meeting's day is more than minutesDays days before today (whole days, as the report)
            long late = today.minusDays(minutesDays).atStartOfDay(zone).toInstant().toEpochMilli();
            // the same list in Java, from the generated rows
            Comparator<Cell> order = Comparator.comparing((Cell x) -> VietnameseText.sortKey(x.parentName())).thenComparing(x -> VietnameseText.sortKey(x.name()))
                    .thenComparing(Cell::id);
            List<Cell> help = all.stream().filter(x -> !reasons(x, today.isAfter(deadline), late).isEmpty()).sorted(order).toList();
            List<Cell> minutes = all.stream().filter(x -> reasons(x, today.isAfter(deadline), late).contains(CellNeedingHelp.MINUTES_MISSING)).sorted(order)
                    .toList();
            String[] committee = committees.get(committees.size() / 2);
            List<Cell> inCommittee = help.stream().filter(x -> x.parentName().equals(committee[1])).toList();
            int middle = help.size() / 2;
            try (Connection c = p.connection()) {
                Page<CellNeedingHelp> first = ActivityQueries.cellsNeedingHelp(c, root, period, today, deadlineDay, minutesDays, null,
                        PageRequest.of(0, 50));
                assertEquals(help.size(), first.getTotal(), "the total");
                assertEquals(ids(help.subList(0, 50)), first.getItems().stream().map(h -> h.cell().id()).toList(), "the first page");
                Page<CellNeedingHelp> mid = ActivityQueries.cellsNeedingHelp(c, root, period, today, deadlineDay, minutesDays, null,
                        PageRequest.of(middle, 50));
                assertEquals(ids(help.subList(middle, middle + 50)), mid.getItems().stream().map(h -> h.cell().id()).toList(), "the middle page");
                assertEquals(minutes.size(), ActivityQueries.cellsNeedingHelp(c, root, period, today, deadlineDay, minutesDays,
                        CellNeedingHelp.MINUTES_MISSING, PageRequest.of(0, 50)).getTotal(), "minutes missing");
                for (int i = 0; i < 50 && i < first.getItems().size(); i++) {
                    assertEquals(reasons(help.get(i), today.isAfter(deadline), late), first.getItems().get(i).reasons().stream().map(n -> n.code()).toList(),
                            "the reasons of " + help.get(i).id());
                }
                line("check: total %,d, minutes missing %,d, the first and the middle page and the first page's reasons as computed in Java", help.size(),
                        minutes.size());
                line("");
                line("%-44s %6s %10s %10s", "query (after warm-up)", "runs", "median ms", "p95 ms");
                row("root, first page of 50", runs, time(warmup, runs, () -> ActivityQueries.cellsNeedingHelp(c, root, period, today,
                        deadlineDay, minutesDays, null, PageRequest.of(0, 50))));
                row("root, page of 50 at offset " + middle, runs, time(warmup, runs, () -> ActivityQueries.cellsNeedingHelp(c, root, period, today, deadlineDay, minutesDays, null, PageRequest.of(middle, 50))));
                row("root, minutes-missing, first page", runs, time(warmup, runs, () -> ActivityQueries.cellsNeedingHelp(c, root, period, today, deadlineDay, minutesDays, CellNeedingHelp.MINUTES_MISSING, PageRequest.of(0, 50))));
                row("root, first page of 20 (the HTTP default)", runs, time(warmup, runs, () -> ActivityQueries.cellsNeedingHelp(c, root, period, today,
                        deadlineDay, minutesDays, null, PageRequest.of(0, 20))));
                row("one committee (" + inCommittee.size() + " of 86 cells), first page", runs, time(warmup, runs, () -> ActivityQueries.cellsNeedingHelp(c, committee[0], period, today, deadlineDay, minutesDays, null, PageRequest.of(0, 50))));
            }
        } finally {
            Path file = Path.of(System.getProperty("sotay.bench.out", "target/cells-needing-help-benchmark.txt"));
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

    /** The reasons of a generated cell, in the report's order. */
    private static List<String> reasons(Cell x, boolean deadlinePassed, long late) {
        List<String> r = new ArrayList<>();
        int steps = x.steps() == null ? 0 : x.steps();
        if (deadlinePassed && (steps & Meetings.ON_TIME) == 0) {
            r.add(CellNeedingHelp.NO_MEETING_REGISTERED);
        }
        if (x.docsLate()) {
            r.add(CellNeedingHelp.DOCUMENTS_LATE);
        }
        if (x.minutesDue() != null && x.minutesDue() < late) {
            r.add(CellNeedingHelp.MINUTES_MISSING);
        }
        if (x.members() > 0 && x.installed() == 0) {
            r.add(CellNeedingHelp.NOBODY_INSTALLED);
        }
        if (x.offline()) {
            r.add(CellNeedingHelp.NO_INTERNET);
        }
        return r;
    }

    private static List<String> ids(List<Cell> cells) {
        return cells.stream().map(Cell::id).toList();
    }

    private static String name(Random random) {
        return WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + (random.nextInt(4) == 0 ? " " + (1 + random.nextInt(9)) : "");
    }

    interface Work {
        Object run() throws SQLException;
    }

    /** {median, p95} in ms of {@code runs} calls after {@code warmup} discarded ones. */
    private static double[] time(int warmup, int runs, Work work) throws SQLException {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] { ms[runs / 2], ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)] };
    }

    private void row(String what, int runs, double[] t) {
        line("%-44s %6d %10.1f %10.1f", what, runs, t[0], t[1]);
    }

    private void line(String format, Object... args) {
        String s = String.format(format, args);
        System.out.println(s);
        out.add(s);
    }
}
