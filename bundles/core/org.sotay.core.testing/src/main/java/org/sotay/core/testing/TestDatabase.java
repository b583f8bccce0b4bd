package org.sotay.core.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A fresh, empty database for one test: in-memory Derby by default; PostgreSQL when the system
 * property {@code sotay.test.db=postgresql} is set and {@code SOTAY_TEST_PG_URL}, {@code _USER} and
 * {@code _PASSWORD} name a server (each database is then a schema of its own, dropped on close).
 */
public final class TestDatabase implements DataSource, AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final String url;
    private final String user;
    private final String password;
    private final String dialect;
    private final String schema;
    private final String adminUrl;

    private TestDatabase(String dialect, String url, String user, String password, String schema, String adminUrl) {
        this.dialect = dialect;
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.adminUrl = adminUrl;
    }

    /** The database the build asks for: {@code -Dsotay.test.db=postgresql} or Derby. */
    public static TestDatabase create() {
        return "postgresql".equals(System.getProperty("sotay.test.db")) ? postgresql() : derby();
    }

    public static TestDatabase derby() {
        String name = "sotay-test-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet();
        return new TestDatabase("derby", "jdbc:derby:memory:" + name + ";create=true", null, null, null, null);
    }

    /** Whether a PostgreSQL server is configured for tests. */
    public static boolean postgresqlConfigured() {
        return System.getenv("SOTAY_TEST_PG_PASSWORD") != null;
    }

    public static TestDatabase postgresql() {
        String base = env("SOTAY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/sotay_test");
        String user = env("SOTAY_TEST_PG_USER", "sotay_test");
        String password = System.getenv("SOTAY_TEST_PG_PASSWORD");
        if (password == null) {
            throw new IllegalStateException("set SOTAY_TEST_PG_URL, SOTAY_TEST_PG_USER and SOTAY_TEST_PG_PASSWORD to test on PostgreSQL");
        }
        String schema = "t" + ProcessHandle.current().pid() + "_" + COUNT.incrementAndGet();
        try (Connection c = DriverManager.getConnection(base, user, password); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare a PostgreSQL schema: " + e.getMessage(), e);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase("postgresql", url, user, password, schema, base);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** {@code derby} or {@code postgresql}. */
    public String dialect() {
        return dialect;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    @Override
    public Connection getConnection(String u, String p) throws SQLException {
        return getConnection();
    }

    @Override
    public void close() {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                // a leftover schema of a test run is harmless
            }
        } else {
            try {
                DriverManager.getConnection(url.replace(";create=true", ";drop=true"));
            } catch (SQLException expected) {
                // Derby answers a dropped database with an exception
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    @Override
    public String toString() {
        return dialect + (schema == null ? "" : " schema " + schema);
    }
}
