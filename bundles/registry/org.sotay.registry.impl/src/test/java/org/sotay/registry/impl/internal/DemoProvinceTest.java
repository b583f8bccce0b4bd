package org.sotay.registry.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sotay.core.testing.TestPlatform;

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
            List<Integer> sizes = new DemoProvince(DemoProvince.Plan.ofMembers(members, 7), LocalDate.of(2024, 5, 25), 0).cellSizes();
            assertEquals(members, sizes.stream().mapToInt(Integer::intValue).sum());
            assertTrue(sizes.stream().allMatch(s -> s >= 10 && s <= 60), members + ": " + sizes);
        }
    }

    @Test
    void cardAndPhoneDigitsArePaddedAsFormatWouldPadThem() {
        for (int n : new int[] { 0, 1, 42, 1_234_567, 12_345_678, 99_999_999, 123_456_789 }) {
            assertEquals(String.format("08%08d", n), DemoProvince.digits("08", n));
        }
    }

    @Test
    void writesAProvinceWithExactTotals() throws Exception {
        try (TestPlatform p = TestPlatform.start(); Connection c = p.connection()) {
            p.migrate("registry", "db/migration/registry");
            c.setAutoCommit(false);
            DemoProvince.Plan plan = DemoProvince.Plan.ofMembers(5_000, 42);
            long t0 = System.nanoTime();
            LocalDate today = LocalDate.of(2026, 12, 1);
            DemoProvince.Result r = new DemoProvince(plan, today, p.clock().millis()).write(c, "test");
            long t1 = System.nanoTime();
            c.commit();
            System.out.printf("demo province of %d members on %s: write %d ms, commit %d ms%n", r.members(), p.dialect(),
                    (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
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
            // nobody installed the app or registered an account before being admitted, or after today
            assertEquals(0, count(c, "SELECT COUNT(*) FROM REG_MEMBER WHERE APP_INSTALLED_ON < DATE_ADMITTED"));
            assertEquals(0, count(c, "SELECT COUNT(*) FROM REG_MEMBER WHERE ACCOUNT_REGISTERED_ON < DATE_ADMITTED"));
            assertEquals(0, count(c, "SELECT COUNT(*) FROM REG_MEMBER WHERE APP_INSTALLED_ON > CAST('2026-12-01' AS DATE)"));
            assertTrue(count(c, "SELECT COUNT(DISTINCT ETHNICITY) FROM REG_MEMBER") >= 5);
            // every cell's path runs through its parent's
            assertEquals(0, count(c, "SELECT COUNT(*) FROM REG_UNIT u JOIN REG_UNIT p ON u.PARENT_ID = p.ID"
                    + " WHERE u.PATH <> p.PATH || u.ID || '/'"));
            c.commit();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
