package org.sotay.handbook.impl.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Plain JDBC on the connection of the current JPA transaction: parameters always bound, never concatenated. */
final class Sql {
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    static <T> List<T> query(Connection c, String sql, Row<T> row, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in " + sql, e);
        }
    }

    static long count(Connection c, String sql, Object... params) {
        List<Long> r = query(c, sql, rs -> rs.getLong(1), params);
        return r.isEmpty() ? 0 : r.get(0);
    }

    static int update(Connection c, String sql, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in " + sql, e);
        }
    }

    /** Whether an insert failed on a key that exists already. */
    static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            if (p instanceof Collection<?> many) {
                for (Object o : many) {
                    set(ps, i++, o);
                }
            } else {
                set(ps, i++, p);
            }
        }
    }

    private static void set(PreparedStatement ps, int i, Object p) throws SQLException {
        if (p == null) {
            ps.setNull(i, java.sql.Types.VARCHAR);
        } else if (p instanceof LocalDate d) {
            ps.setDate(i, Date.valueOf(d));
        } else if (p instanceof Boolean b) {
            ps.setInt(i, b ? 1 : 0);
        } else {
            ps.setObject(i, p);
        }
    }

    /** {@code ?, ?, ?} for {@code n} parameters (at least one). */
    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(Math.max(1, n), "?"));
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
