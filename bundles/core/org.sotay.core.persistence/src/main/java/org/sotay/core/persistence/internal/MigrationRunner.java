package org.sotay.core.persistence.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.sotay.core.api.persistence.MigrationException;
import org.sotay.core.api.persistence.MigrationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration engine, free of OSGi so it is tested against a real database directly.
 *
 * <p>Why our own and not Liquibase or Flyway: Flyway has no OSGi manifest, Liquibase needs the
 * ServiceLoader mediator in the container and brings a large dependency tree; what we need is
 * small (ordered SQL scripts, checksums, a cluster-wide lock, one transaction per script) and
 * easy to test on Derby and PostgreSQL.
 */
public final class MigrationRunner {
    static final String HISTORY = "SOTAY_SCHEMA_HISTORY";
    static final String LOCK = "SOTAY_SCHEMA_LOCK";
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final DataSource dataSource;
    private final String dialect;

    public MigrationRunner(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            this.dialect = dialectOf(c.getMetaData().getDatabaseProductName());
            ensureTables(c);
        } catch (SQLException e) {
            throw new MigrationException("cannot prepare the schema history tables: " + e.getMessage(), e);
        }
    }

    public String dialect() {
        return dialect;
    }

    static String dialectOf(String productName) {
        String p = productName.toLowerCase(Locale.ROOT);
        if (p.contains("derby")) {
            return "derby";
        }
        if (p.contains("postgres")) {
            return "postgresql";
        }
        return p.replaceAll("[^a-z0-9]", "");
    }

    /** Chooses, per version, this dialect's script over the generic one. */
    List<MigrationScript> select(String module, Collection<MigrationScript> found) {
        Map<Integer, MigrationScript> generic = new TreeMap<>();
        Map<Integer, MigrationScript> specific = new HashMap<>();
        for (MigrationScript s : found) {
            Map<Integer, MigrationScript> target = s.dialect() == null ? generic : specific;
            if (s.dialect() != null && !s.dialect().equals(dialect)) {
                continue;
            }
            MigrationScript clash = target.put(s.version(), s);
            if (clash != null) {
                throw new MigrationException(module + ": two scripts for version " + s.version() + ": "
                        + clash.fileName() + " and " + s.fileName());
            }
        }
        TreeMap<Integer, MigrationScript> chosen = new TreeMap<>(generic);
        chosen.putAll(specific);
        return new ArrayList<>(chosen.values());
    }

    public MigrationReport migrate(String module, Collection<MigrationScript> found) {
        if (!module.matches("[a-z][a-z0-9-]{0,63}")) {
            throw new MigrationException("bad module name: " + module);
        }
        List<MigrationScript> scripts = select(module, found);
        List<String> applied = new ArrayList<>();
        try {
            ensureLockRow(module);
            Map<Integer, String> history = history(module);
            verify(module, scripts, history);
            for (MigrationScript script : scripts) {
                if (!history.containsKey(script.version()) && apply(module, script)) {
                    applied.add(script.fileName());
                }
            }
            int current = history(module).keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            return new MigrationReport(module, current, applied);
        } catch (SQLException e) {
            throw new MigrationException(module + ": " + e.getMessage(), e);
        }
    }

    private void verify(String module, List<MigrationScript> scripts, Map<Integer, String> history) {
        Map<Integer, MigrationScript> byVersion = new HashMap<>();
        scripts.forEach(s -> byVersion.put(s.version(), s));
        for (Map.Entry<Integer, String> e : history.entrySet()) {
            MigrationScript s = byVersion.get(e.getKey());
            if (s == null) {
                throw new MigrationException(module + ": the database has version " + e.getKey()
                        + " applied but this bundle does not ship it; is this an older bundle than the schema?");
            }
            if (!s.checksum().equals(e.getValue())) {
                throw new MigrationException(module + ": " + s.fileName()
                        + " was changed after it was applied; add a new script instead of editing an applied one");
            }
        }
    }

    /** Applies one script under the module's lock row; {@code false} if another node did it meanwhile. */
    private boolean apply(String module, MigrationScript script) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lock(c, module);
                if (appliedVersions(c, module).containsKey(script.version())) {
                    c.rollback();
                    return false;
                }
                long start = System.nanoTime();
                try (Statement st = c.createStatement()) {
                    for (String sql : script.statements()) {
                        try {
                            st.execute(sql);
                        } catch (SQLException e) {
                            throw new SQLException(script.fileName() + " failed at: " + firstLine(sql) + ": "
                                    + e.getMessage(), e.getSQLState(), e);
                        }
                    }
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + HISTORY
                        + " (MODULE, VERSION, DESCRIPTION, SCRIPT, CHECKSUM, APPLIED_AT, DURATION_MS)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ins.setString(1, module);
                    ins.setInt(2, script.version());
                    ins.setString(3, truncate(script.description(), 200));
                    ins.setString(4, truncate(script.fileName(), 255));
                    ins.setString(5, script.checksum());
                    ins.setTimestamp(6, Timestamp.from(Instant.now()));
                    ins.setLong(7, (System.nanoTime() - start) / 1_000_000);
                    ins.executeUpdate();
                }
                c.commit();
                LOG.info("Schema {}: applied {}", module, script.fileName());
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String firstLine(String sql) {
        String line = sql.lines().findFirst().orElse(sql);
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** Takes the module's row lock until commit: the same statement serialises nodes on Derby and PostgreSQL. */
    private static void lock(Connection c, String module) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + LOCK + " SET LOCKED_AT = ? WHERE MODULE = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, module);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("lock row missing for " + module);
            }
        }
    }

    Map<Integer, String> history(String module) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return appliedVersions(c, module);
        }
    }

    private static Map<Integer, String> appliedVersions(Connection c, String module) throws SQLException {
        Map<Integer, String> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT VERSION, CHECKSUM FROM " + HISTORY + " WHERE MODULE = ?")) {
            ps.setString(1, module);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private void ensureLockRow(String module) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + LOCK + " WHERE MODULE = ?")) {
                ps.setString(1, module);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + LOCK + " (MODULE, LOCKED_AT) VALUES (?, ?)")) {
                ps.setString(1, module);
                ps.setTimestamp(2, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!isDuplicate(e)) {
                    throw e;
                }
                // another node inserted it first: fine
            }
        }
    }

    private static boolean isDuplicate(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private void ensureTables(Connection c) throws SQLException {
        c.setAutoCommit(true);
        createIfAbsent(c, HISTORY, "CREATE TABLE " + HISTORY + " (MODULE VARCHAR(64) NOT NULL, VERSION INTEGER NOT NULL,"
                + " DESCRIPTION VARCHAR(200) NOT NULL, SCRIPT VARCHAR(255) NOT NULL, CHECKSUM VARCHAR(64) NOT NULL,"
                + " APPLIED_AT TIMESTAMP NOT NULL, DURATION_MS BIGINT NOT NULL, PRIMARY KEY (MODULE, VERSION))");
        createIfAbsent(c, LOCK, "CREATE TABLE " + LOCK
                + " (MODULE VARCHAR(64) NOT NULL PRIMARY KEY, LOCKED_AT TIMESTAMP NOT NULL)");
    }

    private static void createIfAbsent(Connection c, String table, String ddl) throws SQLException {
        if (exists(c, table)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute(ddl);
        } catch (SQLException e) {
            if (!exists(c, table)) { // lost a race with another node: fine if the table is there now
                throw e;
            }
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = c.getSchema();
        for (String name : new String[] { table, table.toLowerCase(Locale.ROOT) }) {
            try (ResultSet rs = md.getTables(null, schema, name, new String[] { "TABLE" })) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
