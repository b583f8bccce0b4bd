package org.sotay.core.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.api.persistence.MigrationException;
import org.sotay.core.api.persistence.MigrationReport;

/** Runs the migration engine against a real (in-memory) Derby database. */
class MigrationRunnerTest {
    private static final AtomicInteger DB = new AtomicInteger();
    private DataSource ds;

    @BeforeEach
    void freshDatabase() {
        String url = "jdbc:derby:memory:migr" + DB.incrementAndGet() + ";create=true";
        ds = new DriverDataSource(url);
    }

    private static MigrationScript script(String name, String sql) {
        return MigrationScript.parse(name, sql);
    }

    @Test
    void appliesScriptsInVersionOrderAndOnlyOnce() throws Exception {
        MigrationRunner runner = new MigrationRunner(ds);
        List<MigrationScript> scripts = List.of(
                script("V2__add_column.sql", "ALTER TABLE T_A ADD COLUMN NAME VARCHAR(20);"),
                script("V1__create.sql", "-- first\nCREATE TABLE T_A (\n  ID INTEGER PRIMARY KEY\n);\nINSERT INTO T_A (ID) VALUES (1);"));
        MigrationReport first = runner.migrate("demo", scripts);
        assertEquals(List.of("V1__create.sql", "V2__add_column.sql"), first.applied());
        assertEquals(2, first.currentVersion());

        MigrationReport again = new MigrationRunner(ds).migrate("demo", scripts);
        assertTrue(again.applied().isEmpty());
        assertEquals(2, again.currentVersion());
        assertEquals(1, count("SELECT COUNT(*) FROM T_A"));
    }

    @Test
    void aFailingScriptLeavesNothingBehind() throws Exception {
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("demo", List.of(script("V1__create.sql", "CREATE TABLE T_B (ID INTEGER PRIMARY KEY);")));
        MigrationException e = assertThrows(MigrationException.class, () -> runner.migrate("demo", List.of(
                script("V1__create.sql", "CREATE TABLE T_B (ID INTEGER PRIMARY KEY);"),
                script("V2__broken.sql", "CREATE TABLE T_C (ID INTEGER);\nINSERT INTO NO_SUCH_TABLE VALUES (1);"))));
        assertTrue(e.getMessage().contains("V2__broken.sql"), e.getMessage());
        assertFalse(tableExists("T_C"), "the DDL of the failed script must be rolled back");
        assertEquals(Collections.singleton(1), runner.history("demo").keySet());
    }

    @Test
    void refusesAnAppliedScriptThatWasEdited() {
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("demo", List.of(script("V1__create.sql", "CREATE TABLE T_D (ID INTEGER);")));
        MigrationException e = assertThrows(MigrationException.class, () -> runner.migrate("demo",
                List.of(script("V1__create.sql", "CREATE TABLE T_D (ID BIGINT);"))));
        assertTrue(e.getMessage().contains("changed after it was applied"), e.getMessage());
    }

    @Test
    void refusesABundleOlderThanTheSchema() {
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("demo", List.of(script("V1__a.sql", "CREATE TABLE T_E (ID INTEGER);"),
                script("V2__b.sql", "CREATE TABLE T_F (ID INTEGER);")));
        assertThrows(MigrationException.class,
                () -> runner.migrate("demo", List.of(script("V1__a.sql", "CREATE TABLE T_E (ID INTEGER);"))));
    }

    @Test
    void modulesKeepSeparateHistories() {
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("one", List.of(script("V1__a.sql", "CREATE TABLE ONE_A (ID INTEGER);")));
        MigrationReport two = runner.migrate("two", List.of(script("V1__a.sql", "CREATE TABLE TWO_A (ID INTEGER);")));
        assertEquals(List.of("V1__a.sql"), two.applied());
    }

    @Test
    void theDialectScriptReplacesTheGenericOne() throws Exception {
        MigrationRunner runner = new MigrationRunner(ds);
        assertEquals("derby", runner.dialect());
        runner.migrate("demo", List.of(
                script("V1__create.sql", "CREATE TABLE T_G (ID INTEGER, NOTE VARCHAR(10));"),
                script("V1__create.derby.sql", "CREATE TABLE T_G (ID INTEGER, NOTE VARCHAR(99));"),
                script("V1__create.postgresql.sql", "CREATE TABLE T_G (ID INTEGER, NOTE TEXT);")));
        try (Connection c = ds.getConnection();
                ResultSet rs = c.getMetaData().getColumns(null, null, "T_G", "NOTE")) {
            assertTrue(rs.next());
            assertEquals(99, rs.getInt("COLUMN_SIZE"));
        }
    }

    @Test
    void aVersionForAnotherDatabaseOnlyIsSkippedHere() {
        MigrationRunner runner = new MigrationRunner(ds);
        MigrationReport r = runner.migrate("demo", List.of(
                script("V1__create.sql", "CREATE TABLE T_K (ID INTEGER);"),
                script("V2__tune.postgresql.sql", "ALTER TABLE T_K ALTER COLUMN ID TYPE BIGINT;"),
                script("V3__more.sql", "CREATE TABLE T_L (ID INTEGER);")));
        assertEquals(List.of("V1__create.sql", "V3__more.sql"), r.applied());
        assertEquals(3, r.currentVersion());
    }

    @Test
    void twoScriptsForOneVersionAreAnError() {
        MigrationRunner runner = new MigrationRunner(ds);
        assertThrows(MigrationException.class, () -> runner.migrate("demo", List.of(
                script("V1__a.sql", "CREATE TABLE T_H (ID INTEGER);"),
                script("V1__b.sql", "CREATE TABLE T_I (ID INTEGER);"))));
    }

    @Test
    void concurrentNodesApplyEachScriptOnce() throws Exception {
        new MigrationRunner(ds);
        List<MigrationScript> scripts = new ArrayList<>();
        scripts.add(script("V1__create.sql", "CREATE TABLE T_J (ID INTEGER);"));
        for (int v = 2; v <= 6; v++) {
            scripts.add(script("V" + v + "__row.sql", "INSERT INTO T_J VALUES (" + v + ");"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<MigrationReport>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return new MigrationRunner(ds).migrate("race", scripts);
            }));
        }
        go.countDown();
        int appliedInAll = 0;
        for (Future<MigrationReport> f : results) {
            appliedInAll += f.get().applied().size();
        }
        pool.shutdown();
        assertEquals(6, appliedInAll, "every script applied by exactly one node");
        assertEquals(5, count("SELECT COUNT(*) FROM T_J"));
    }

    @Test
    void splitsStatementsAtLineEndSemicolons() {
        MigrationScript s = script("V1__x.sql", "-- c\nCREATE TABLE A (\n X VARCHAR(5) DEFAULT 'a;b'\n);\n\nINSERT INTO A VALUES ('x');\n");
        assertEquals(List.of("CREATE TABLE A (\nX VARCHAR(5) DEFAULT 'a;b'\n)", "INSERT INTO A VALUES ('x')"), s.statements());
    }

    @Test
    void ignoresFilesThatAreNotScripts() {
        assertEquals(null, MigrationScript.parse("README.sql", "x"));
        assertEquals("postgresql", MigrationScript.parse("V3__x_y.postgresql.sql", "x").dialect());
        assertEquals("x y", MigrationScript.parse("V3__x_y.sql", "x").description());
    }

    private int count(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }
}
