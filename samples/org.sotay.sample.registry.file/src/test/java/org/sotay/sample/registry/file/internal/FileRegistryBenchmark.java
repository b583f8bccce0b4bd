package org.sotay.sample.registry.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotay.core.api.PageRequest;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestClock;
import org.sotay.core.testing.TestConfig;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.RegistryPermissions;

/**
 * The file-backed registry at a province's size (57,597 members, the demo province's, in 1,500
 * cells of 7 districts): how long the file takes to read, what it holds in memory, how long a
 * search takes. Not part of the suite (Surefire runs {@code *Test}); run it with
 * {@code ./mvnw -o -q test -pl samples/org.sotay.sample.registry.file -Dtest=FileRegistryBenchmark}.
 * It prints figures and asserts only the counts, never a time.
 */
class FileRegistryBenchmark {
    @TempDir
    Path dir;

    @Test
    void aProvince() throws Exception {
        String[] family = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Ma", "Đặng", "Bùi", "Đỗ", "Hà" };
        String[] middle = { "Văn", "Thị", "Đức", "Thế", "Minh", "Thu" };
        String[] given = { "An", "Anh", "Ánh", "Bình", "Hồng", "Đào", "Dũng", "Hương", "Lan", "Tùng", "Yến", "Quân" };
        List<String> l = new ArrayList<>(List.of(FileRegistryTest.type("PROVINCE", false, 1), FileRegistryTest.type("DISTRICT", false, 2),
                FileRegistryTest.type("CELL", true, 4), FileRegistryTest.unit("r", "TQ", "Tỉnh", "PROVINCE", null, "1940-01-01", null)));
        int cells = 1500;
        for (int d = 0; d < 7; d++) {
            l.add(FileRegistryTest.unit("d" + d, "TQ." + d, "Huyện " + d, "DISTRICT", "r", "1950-01-01", null));
        }
        for (int c = 0; c < cells; c++) {
            l.add(FileRegistryTest.unit("c" + c, "TQ." + (c % 7) + "." + c, "Chi bộ " + c, "CELL", "d" + (c % 7), "1960-01-01", null));
        }
        Random r = new Random(1);
        int n = 57_597;
        for (int i = 0; i < n; i++) {
            String name = family[r.nextInt(family.length)] + " " + middle[r.nextInt(middle.length)] + " " + given[r.nextInt(given.length)];
            l.add(FileRegistryTest.member("m" + i, String.format("%08d", i), name, "c" + r.nextInt(cells), "OFFICIAL", r.nextBoolean(), false, false));
        }
        Path f = dir.resolve("province.jsonl");
        Files.write(f, l, StandardCharsets.UTF_8);
        System.gc();
        long heap0 = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        TestClock clock = TestClock.at(LocalDateTime.of(2026, 12, 3, 9, 0));
        long t0 = System.nanoTime();
        RegistryFile registry = new RegistryFile(TestConfig.of(RegistryFileConfig.class, Map.of("file", f.toString())), clock);
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        long heap1 = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        TestCallers callers = new TestCallers();
        FileMemberService members = new FileMemberService(registry, callers, clock);
        callers.as(TestCallers.caller("province", Set.of("r"), RegistryPermissions.READ));
        assertEquals(n, members.search(MemberQuery.all(), PageRequest.of(0, 50)).getTotal());
        for (String scope : new String[] { "r", "d3" }) {
            callers.as(TestCallers.caller("x", Set.of(scope), RegistryPermissions.READ));
            for (String q : new String[] { null, "nguyen van hong", "ma the" }) {
                MemberQuery query = new MemberQuery(q, null, null, null, null, null);
                for (int w = 0; w < 20; w++) {
                    members.search(query, PageRequest.of(0, 50));
                }
                long[] t = new long[100];
                long total = 0;
                for (int k = 0; k < t.length; k++) {
                    long a = System.nanoTime();
                    total = members.search(query, PageRequest.of(0, 50)).getTotal();
                    t[k] = System.nanoTime() - a;
                }
                Arrays.sort(t);
                System.out.printf("FileRegistryBenchmark: scope %s, q=%s: %d found, first page median %.2f ms, p95 %.2f ms%n", scope, q, total,
                        t[50] / 1e6, t[95] / 1e6);
            }
        }
        System.out.printf("FileRegistryBenchmark: file of %d bytes, %d lines, read and checked in %d ms, about %d MB held%n", Files.size(f), l.size(),
                loadMs, (heap1 - heap0) >> 20);
    }
}
