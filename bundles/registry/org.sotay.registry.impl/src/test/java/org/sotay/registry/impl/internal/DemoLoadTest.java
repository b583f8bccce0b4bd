package org.sotay.registry.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.sotay.core.testing.TestPlatform;

/**
 * The demo generator's two ways of writing (JDBC batches and PostgreSQL's COPY) write the same rows for
 * the same seed, and the COPY path leaves the tables with every index and foreign key the migrations
 * made. The comparison runs on PostgreSQL ({@code -Dsotay.test.db=postgresql}); on Derby the generator
 * takes the batches.
 */
class DemoLoadTest {
    private static final String[][] TABLES = { { "REG_UNIT", "ID" }, { "REG_UNIT_HISTORY", "ID" }, { "REG_MEMBER", "ID" },
            { "REG_MEMBERSHIP", "ID" }, { "REG_MEMBER_WORD", "WORD, MEMBER_ID" } };
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Test
    void copyAndBatchesWriteTheSameRowsAndTheSameIndexes() throws Exception {
        try (TestPlatform batches = TestPlatform.start(); TestPlatform copied = TestPlatform.start()) {
            assumeTrue("postgresql".equals(batches.dialect()), "COPY is PostgreSQL's: run with -Dsotay.test.db=postgresql");
            DemoProvince.Result a = load(batches, DemoRows.Load.BATCHES);
            DemoProvince.Result b = load(copied, DemoRows.Load.COPY);
            assertEquals(a, b);
            assertEquals(3_000, b.members());
            for (String[] t : TABLES) {
                List<String> left = rows(batches, t[0], t[1]);
                List<String> right = rows(copied, t[0], t[1]);
                assertFalse(left.isEmpty(), t[0]);
                assertEquals(left.size(), right.size(), t[0]);
                for (int i = 0; i < left.size(); i++) {
                    assertEquals(left.get(i), right.get(i), t[0] + " row " + i);
                }
            }
            // the indexes and foreign keys dropped for the load are all back, as the migrations made them
            assertEquals(definitions(batches), definitions(copied));
            assertTrue(definitions(copied).stream().anyMatch(d -> d.contains("REG_MEMBER_WORD_MEMBER")), definitions(copied).toString());
            assertTrue(definitions(copied).stream().anyMatch(d -> d.contains("FOREIGN KEY (MEMBER_ID)")), definitions(copied).toString());
            // and they hold: a member in no cell is refused
            try (Connection c = copied.connection(); Statement st = c.createStatement()) {
                assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE REG_MEMBER SET CELL_ID = 'nowhere' WHERE CARD_NUMBER = '0800000001'"));
            }
        }
    }

    @Test
    void copyIntoTablesThatHoldRowsKeepsTheirIndexesAndAddsTheRows() throws Exception {
        try (TestPlatform p = TestPlatform.start()) {
            assumeTrue("postgresql".equals(p.dialect()), "COPY is PostgreSQL's: run with -Dsotay.test.db=postgresql");
            p.migrate("registry", "db/migration/registry");
            List<String> before = definitions(p);
            p.update("INSERT INTO REG_UNIT (ID, CODE, NAME, NAME_KEY, TYPE_CODE, PARENT_ID, PATH, DEPTH, VALID_FROM, CONNECTIVITY, VERSION)"
                    + " VALUES ('u-there', 'XX', 'Đảng bộ có sẵn', 'DANG BO CO SAN', 'PROVINCE', NULL, '/u-there/', 0, CAST('2000-01-01' AS DATE), 'UNKNOWN', 0)");
            try (Connection c = p.connection()) {
                c.setAutoCommit(false);
                DemoProvince.Result r = new DemoProvince(DemoProvince.Plan.ofMembers(500, 3), TODAY, 0).write(c, "test", DemoRows.Load.COPY);
                c.commit();
                assertEquals(500, r.members());
            }
            assertEquals(before, definitions(p));
            assertEquals(500L, p.query("SELECT COUNT(*) FROM REG_MEMBER", rs -> rs.getLong(1)).get(0));
        }
    }

    @Test
    void aLoadCutOffHalfwayIsRolledBackWithItsIndexesAndForeignKeys() throws Exception {
        try (TestPlatform p = TestPlatform.start()) {
            assumeTrue("postgresql".equals(p.dialect()), "COPY is PostgreSQL's: run with -Dsotay.test.db=postgresql");
            p.migrate("registry", "db/migration/registry");
            List<String> before = definitions(p);
            int[] made = { 0 };
            Supplier<String> ids = () -> {
                if (++made[0] > 2_000) {
                    throw new IllegalStateException("cut off");
                }
                return UUID.randomUUID().toString();
            };
            try (Connection c = p.connection()) {
                c.setAutoCommit(false);
                assertThrows(IllegalStateException.class,
                        () -> new DemoProvince(DemoProvince.Plan.ofMembers(3_000, 5), TODAY, 0).withIds(ids).write(c, "test", DemoRows.Load.COPY));
                c.rollback();
            }
            assertEquals(before, definitions(p), "the indexes dropped for the load are back");
            assertEquals(0L, p.query("SELECT COUNT(*) FROM REG_UNIT", rs -> rs.getLong(1)).get(0));
            assertEquals(0L, p.query("SELECT COUNT(*) FROM REG_MEMBER_WORD", rs -> rs.getLong(1)).get(0));
        }
    }

    @Test
    void theGeneratorTakesCopyOnPostgresqlAndBatchesElsewhere() throws Exception {
        try (TestPlatform p = TestPlatform.start(); Connection c = p.connection()) {
            assertEquals("postgresql".equals(p.dialect()), DemoRows.copyAvailable(c));
        }
    }

    private static DemoProvince.Result load(TestPlatform p, DemoRows.Load load) throws SQLException {
        p.migrate("registry", "db/migration/registry");
        Random r = new Random(99);
        Supplier<String> ids = () -> new UUID(r.nextLong(), r.nextLong()).toString();
        try (Connection c = p.connection()) {
            c.setAutoCommit(false);
            DemoProvince.Result result = new DemoProvince(DemoProvince.Plan.ofMembers(3_000, 42), TODAY, 1_764_547_200_000L).withIds(ids)
                    .write(c, "test", load);
            c.commit();
            return result;
        }
    }

    /** Every row of {@code table} in {@code order}, each column's text. */
    private static List<String> rows(TestPlatform p, String table, String order) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = p.connection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY " + order)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    b.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append('|');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    /** The indexes and foreign keys of the registry's tables, without the schema's name. */
    private static List<String> definitions(TestPlatform p) {
        List<String> defs = new ArrayList<>(p.query("SELECT upper(replace(indexdef, schemaname || '.', '')) FROM pg_indexes"
                + " WHERE schemaname = current_schema() AND tablename LIKE 'reg_%' ORDER BY indexname", rs -> rs.getString(1)));
        defs.addAll(p.query("SELECT upper(conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)) FROM pg_constraint"
                + " WHERE connamespace = current_schema()::regnamespace AND contype = 'f' ORDER BY conname", rs -> rs.getString(1)));
        return defs;
    }
}
