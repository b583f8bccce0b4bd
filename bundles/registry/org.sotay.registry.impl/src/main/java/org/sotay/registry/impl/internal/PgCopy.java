package org.sotay.registry.impl.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN} through the driver's CopyManager, the only class of the
 * registry that names the driver: the bundle imports {@code org.postgresql} optionally, and this class
 * is loaded only once {@link DemoRows} has seen PostgreSQL (a {@link LinkageError} there means batches).
 */
final class PgCopy {
    private final CopyManager copy;

    PgCopy(Connection c) throws SQLException {
        this.copy = c.unwrap(PGConnection.class).getCopyAPI();
    }

    /** Whether {@code c} (a pooled connection) leads to the PostgreSQL driver's connection. */
    static boolean available(Connection c) throws SQLException {
        return c.isWrapperFor(PGConnection.class);
    }

    /** Sends {@code rows} (COPY text: tab-separated, one row a line) with {@code sql}; returns the rows written. */
    long in(String sql, CharSequence rows) throws SQLException {
        try {
            return copy.copyIn(sql, new java.io.StringReader(rows.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }
}
