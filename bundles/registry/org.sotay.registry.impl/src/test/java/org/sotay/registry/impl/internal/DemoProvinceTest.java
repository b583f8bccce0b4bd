package org.sotay.registry.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Generates a province into a real (in-memory) Derby database with the registry's own migration. */
class DemoProvinceTest {

    @Test
    void theDefaultPlanReproducesTheReportsFigures() {
        DemoProvince.Plan p = DemoProvince.Plan.ofMembers(DemoProvince.DEFAULT_MEMBERS, 1);
        assertEquals(57_597, p.members());
        assertEquals(48_597, p.installed());
        assertEquals(46_728, p.smartphoneUsers());
        assertEquals("84%", Math.round(100.0 * p.installed() / p.members()) + "%");
        assertEquals("104%", Math.round(100.0 * p.installed() / p.smartphoneUsers()) + "%");
    }

    @Test
    void cellsHoldTenToSixtyMembersAndAddUp() {
        for (int members : new int[] { 10, 59, 61, 1000, 57_597 }) {
            List<Integer> sizes = new DemoProvince(DemoProvince.Plan.ofMembers(members, 7), LocalDate.of(2024, 5, 25)).cellSizes();
            assertEquals(members, sizes.stream().mapToInt(Integer::intValue).sum());
            assertTrue(sizes.stream().allMatch(s -> s >= 10 && s <= 60), members + ": " + sizes);
        }
    }

    @Test
    void writesAProvinceWithExactTotals() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:derby:memory:demo;create=true")) {
            migrate(c);
            c.setAutoCommit(false);
            DemoProvince.Plan plan = DemoProvince.Plan.ofMembers(5_000, 42);
            long t0 = System.nanoTime();
            DemoProvince.Result r = new DemoProvince(plan, LocalDate.of(2024, 5, 25)).write(c, "test");
            long t1 = System.nanoTime();
            c.commit();
            System.out.printf("demo province of %d members: write %d ms, commit %d ms%n", r.members(), (t1 - t0) / 1_000_000,
                    (System.nanoTime() - t1) / 1_000_000);
            assertEquals(5_000, r.members());
            assertEquals(5_000, count(c, "SELECT COUNT(*) FROM REG_MEMBER"));
            assertEquals(5_000, count(c, "SELECT COUNT(DISTINCT CARD_NUMBER) FROM REG_MEMBER"));
            assertEquals(5_000, count(c, "SELECT COUNT(*) FROM REG_MEMBERSHIP WHERE VALID_TO IS NULL"));
            assertEquals(plan.installed(), count(c, "SELECT COUNT(*) FROM REG_MEMBER WHERE APP_INSTALLED = TRUE"));
            assertEquals(plan.smartphoneUsers(), count(c, "SELECT COUNT(*) FROM REG_MEMBER WHERE USES_SMARTPHONE = TRUE"));
            assertTrue(count(c, "SELECT COUNT(*) FROM REG_MEMBER WHERE APP_INSTALLED = TRUE AND USES_SMARTPHONE = FALSE") > 0,
                    "some members outside the target group installed the app");
            assertEquals(0, count(c, "SELECT COUNT(*) FROM REG_MEMBER m JOIN REG_UNIT u ON m.CELL_ID = u.ID WHERE u.TYPE_CODE <> 'CELL'"));
            assertEquals(1, count(c, "SELECT COUNT(*) FROM REG_UNIT WHERE PARENT_ID IS NULL"));
            assertEquals(r.units(), count(c, "SELECT COUNT(*) FROM REG_UNIT_HISTORY"));
            assertEquals(0, count(c, "SELECT COUNT(*) FROM REG_MEMBER WHERE DATE_ADMITTED < DATE_OF_BIRTH"));
            assertTrue(count(c, "SELECT COUNT(DISTINCT ETHNICITY) FROM REG_MEMBER") >= 5);
            // every cell's path runs through its parent's
            assertEquals(0, count(c, "SELECT COUNT(*) FROM REG_UNIT u JOIN REG_UNIT p ON u.PARENT_ID = p.ID"
                    + " WHERE u.PATH <> p.PATH || u.ID || '/'"));
            c.commit();
        }
    }

    static void migrate(Connection c) throws Exception {
        try (InputStream in = DemoProvinceTest.class.getResourceAsStream("/db/migration/registry/V1__registry.sql");
                Statement st = c.createStatement()) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder current = new StringBuilder();
            for (String line : sql.split("\n")) {
                if (line.strip().startsWith("--") || line.isBlank()) {
                    continue;
                }
                current.append(line).append('\n');
                if (line.strip().endsWith(";")) {
                    st.execute(current.toString().strip().replaceAll(";$", ""));
                    current.setLength(0);
                }
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
