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
 * Connections are pooled, as the platform's are: a closed one is rolled back, reset to auto-commit
 * and kept for the next caller, so a test does not pay a PostgreSQL sign-in per transaction.
 */
public final class TestDatabase implements DataSource, AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final String url;
    private final String user;
    private final String password;
    private final String dialect;
    private final String schema;
    private final String adminUrl;
    private final java.util.concurrent.ConcurrentLinkedDeque<Connection> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile boolean closed;

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
        String kept = System.getProperty("sotay.test.pg.schema");
        if (kept != null && kept.matches("t[0-9]+_[0-9]+")) {
            // a benchmark's loaded schema, used again as it is and kept (never created nor dropped here)
            String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + kept;
            return new TestDatabase("postgresql", url, user, password, null, base);
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
        Connection raw = idle.pollFirst();
        if (raw == null || raw.isClosed()) {
            raw = user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
        }
        return pooled(raw);
    }

    /** {@code raw} behind a proxy whose {@code close()} gives it back to the pool, clean. */
    private Connection pooled(Connection raw) {
        boolean[] released = { false };
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { Connection.class },
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!released[0]) {
                                released[0] = true;
                                release(raw);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return released[0] || raw.isClosed();
                        }
                        case "unwrap" -> {
                            return ((Class<?>) args[0]).isInstance(raw) ? raw : raw.unwrap((Class<?>) args[0]);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        default -> {
                            if (released[0]) {
                                throw new SQLException("connection already closed");
                            }
                            try {
                                return method.invoke(raw, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    private void release(Connection raw) {
        try {
            if (!raw.isClosed() && !closed) {
                if (!raw.getAutoCommit()) {
                    raw.rollback();
                    raw.setAutoCommit(true);
                }
                if (idle.size() < 16) {
                    idle.addFirst(raw);
                    return;
                }
            }
            raw.close();
        } catch (SQLException e) {
            try {
                raw.close();
            } catch (SQLException ignored) {
                // broken: dropped
            }
        }
    }

    @Override
    public Connection getConnection(String u, String p) throws SQLException {
        return getConnection();
    }

    @Override
    public void close() {
        closed = true;
        for (Connection c; (c = idle.pollFirst()) != null;) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                // a leftover schema of a test run is harmless
            }
        } else if (url.startsWith("jdbc:derby:")) {
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
