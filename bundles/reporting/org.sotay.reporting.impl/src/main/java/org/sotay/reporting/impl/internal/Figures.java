package org.sotay.reporting.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.sotay.core.api.VietnameseText;

/**
 * RPT_UNIT over JDBC, on the connection of the caller's transaction. A row is a unit's figures from
 * {@code fromDay} until {@code toDay} (exclusive; {@code null} while current); a change on day
 * {@code d} goes into the current row when it started on {@code d} (or later: a clock set back),
 * otherwise the current row is closed at {@code d} and a new one opens.
 */
final class Figures {
    static final String COUNT_COLUMNS = String.join(", ", Counts.COLUMNS);
    private static final String ATTRS = "UNIT_ID, FROM_DAY, TO_DAY, PARENT_ID, PATH, DEPTH, CODE, NAME, TYPE_CODE, IS_CELL, UNIT_VERSION, ";
    private static final String SELECT = "SELECT " + columns("") + " FROM RPT_UNIT ";

    private Figures() {
    }

    /** A unit's figures over a span of days, with the unit as it was then. */
    record Row(String unitId, int fromDay, Integer toDay, String parentId, String path, int depth, String code, String name,
            String typeCode, boolean cell, long unitVersion, long[] counts, long updatedMs, String parentKey) {

        /** Whether the unit looks the same in a report (its version may differ: a lock bumps it without a change). */
        boolean sameAttributes(Row o) {
            return Objects.equals(parentId, o.parentId) && path.equals(o.path) && depth == o.depth && code.equals(o.code)
                    && name.equals(o.name) && typeCode.equals(o.typeCode) && cell == o.cell && parentKey.equals(o.parentKey);
        }

        /** The unit's ancestors and itself, from the root down. */
        List<String> lineage() {
            return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        }
    }

    /** Takes the writers' lock (a row lock held to the end of the transaction): one writer of the figures at a time, on any node. */
    static void lock(Connection c, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE RPT_STATE SET UPDATED_MS = ? WHERE NAME = 'lock'")) {
            ps.setLong(1, now);
            ps.executeUpdate();
        }
    }

    /** Every current row, by unit id. */
    static Map<String, Row> current(Connection c) throws SQLException {
        Map<String, Row> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE TO_DAY IS NULL")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row r = row(rs);
                    out.put(r.unitId(), r);
                }
            }
        }
        return out;
    }

    /** The current rows of these units. */
    static Map<String, Row> current(Connection c, List<String> unitIds) throws SQLException {
        Map<String, Row> out = new LinkedHashMap<>();
        for (int from = 0; from < unitIds.size(); from += 500) {
            List<String> part = unitIds.subList(from, Math.min(unitIds.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE TO_DAY IS NULL AND UNIT_ID IN (" + marks + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Row r = row(rs);
                        out.put(r.unitId(), r);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The current rows of a few units, looked up by the primary key alone (every row of each id, the
     * current kept): Derby without statistics reads {@code TO_DAY IS NULL AND UNIT_ID IN (...)} through
     * RPT_UNIT_CURRENT_PATH, every current row of the table, about 10 ms for a page at 2,000 cells.
     */
    static Map<String, Row> currentById(Connection c, List<String> unitIds) throws SQLException {
        Map<String, Row> out = new LinkedHashMap<>();
        for (int from = 0; from < unitIds.size(); from += 500) {
            List<String> part = unitIds.subList(from, Math.min(unitIds.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE UNIT_ID IN (" + marks + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Row r = row(rs);
                        if (r.toDay() == null) {
                            out.put(r.unitId(), r);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The row of {@code unitId} that held on {@code day}. */
    static Row at(Connection c, String unitId, int day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE UNIT_ID = ? AND FROM_DAY <= ? AND (TO_DAY IS NULL OR TO_DAY > ?)")) {
            ps.setString(1, unitId);
            ps.setInt(2, day);
            ps.setInt(3, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    /** The rows of {@code unitId}'s children that held on {@code day}, by name. */
    static List<Row> childrenAt(Connection c, String unitId, int day) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE PARENT_ID = ? AND FROM_DAY <= ? AND (TO_DAY IS NULL OR TO_DAY > ?)")) {
            ps.setString(1, unitId);
            ps.setInt(2, day);
            ps.setInt(3, day);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    /** The cells' rows that held on {@code day} (for restating a day on today's tree). */
    static List<Row> cellsAt(Connection c, int day) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE IS_CELL = 1 AND FROM_DAY <= ? AND (TO_DAY IS NULL OR TO_DAY > ?)")) {
            ps.setInt(1, day);
            ps.setInt(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    /** Adds {@code delta} to the unit's figures on {@code day}; false when the unit has no current row. */
    static boolean add(Connection c, String unitId, int day, long[] delta, long now) throws SQLException {
        StringBuilder set = new StringBuilder();
        for (String col : Counts.COLUMNS) {
            set.append(col).append(" = ").append(col).append(" + ?, ");
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE RPT_UNIT SET " + set + "UPDATED_MS = ? WHERE UNIT_ID = ? AND TO_DAY IS NULL AND FROM_DAY >= ?")) {
            int i = 1;
            for (long d : delta) {
                ps.setLong(i++, d);
            }
            ps.setLong(i++, now);
            ps.setString(i++, unitId);
            ps.setInt(i, day);
            if (ps.executeUpdate() > 0) {
                return true;
            }
        }
        Row current = current(c, List.of(unitId)).get(unitId);
        if (current == null) {
            return false;
        }
        long[] next = current.counts().clone();
        Counts.plus(next, delta, 1);
        replace(c, current, new Row(unitId, day, null, current.parentId(), current.path(), current.depth(), current.code(), current.name(),
                current.typeCode(), current.cell(), current.unitVersion(), next, now, current.parentKey()), day);
        return true;
    }

    /**
     * Makes {@code next} the unit's current row from {@code day}: updates {@code current} in place
     * when it started that day (or later), closes it and inserts {@code next} otherwise; inserts
     * {@code next} when there was no current row.
     */
    static void replace(Connection c, Row current, Row next, int day) throws SQLException {
        if (current != null && current.fromDay() >= day) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM RPT_UNIT WHERE UNIT_ID = ? AND FROM_DAY = ?")) {
                ps.setString(1, current.unitId());
                ps.setInt(2, current.fromDay());
                ps.executeUpdate();
            }
            insert(c, next, current.fromDay());
            return;
        }
        if (current != null) {
            close(c, current.unitId(), day);
        }
        insert(c, next, day);
    }

    /** Ends the unit's current row at {@code day} (a closed unit: merged, dissolved). */
    static void close(Connection c, String unitId, int day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE RPT_UNIT SET TO_DAY = ? WHERE UNIT_ID = ? AND TO_DAY IS NULL")) {
            ps.setInt(1, day);
            ps.setString(2, unitId);
            ps.executeUpdate();
        }
        // a unit opened and closed the same day held no day at all
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM RPT_UNIT WHERE UNIT_ID = ? AND FROM_DAY >= TO_DAY")) {
            ps.setString(1, unitId);
            ps.executeUpdate();
        }
    }

    /** The sort key of a parent's name as a row keeps it (and as the cells needing help order by): "" for no parent. */
    static String parentKey(String parentName) {
        return VietnameseText.sortKey(parentName == null ? "" : parentName);
    }

    /**
     * Fills the sort keys of the current rows written before they were kept (NAME_KEY ''), in place:
     * they are derived from the names, not figures. Returns the rows filled.
     */
    static int fillKeys(Connection c) throws SQLException {
        Map<String, Row> current = current(c);
        int filled = 0;
        try (PreparedStatement ps = c.prepareStatement("UPDATE RPT_UNIT SET NAME_KEY = ?, PARENT_KEY = ? WHERE UNIT_ID = ? AND FROM_DAY = ? AND NAME_KEY = ''")) {
            for (Row r : current.values()) {
                Row parent = r.parentId() == null ? null : current.get(r.parentId());
                ps.setString(1, VietnameseText.sortKey(r.name()));
                ps.setString(2, parentKey(parent == null ? null : parent.name()));
                ps.setString(3, r.unitId());
                ps.setInt(4, r.fromDay());
                filled += ps.executeUpdate();
            }
        }
        return filled;
    }

    /** Whether some current row has no sort keys yet (written before they were kept). */
    static boolean keysMissing(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT UNIT_ID FROM RPT_UNIT WHERE TO_DAY IS NULL AND NAME_KEY = ''")) {
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The columns {@link #row(ResultSet, int)} reads, each prefixed with {@code alias} (e.g. {@code "u."} or ""). */
    static String columns(String alias) {
        StringBuilder sb = new StringBuilder();
        for (String col : (ATTRS + COUNT_COLUMNS + ", UPDATED_MS, PARENT_KEY").split(",\\s*")) {
            if (!col.isBlank()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(alias).append(col.strip());
            }
        }
        return sb.toString();
    }

    private static void insert(Connection c, Row r, int fromDay) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO RPT_UNIT (" + ATTRS + COUNT_COLUMNS + ", UPDATED_MS, NAME_KEY, PARENT_KEY) VALUES ("
                + "?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, " + "?, ".repeat(Counts.SIZE) + "?, ?, ?)")) {
            int i = 1;
            ps.setString(i++, r.unitId());
            ps.setInt(i++, fromDay);
            ps.setString(i++, r.parentId());
            ps.setString(i++, r.path());
            ps.setInt(i++, r.depth());
            ps.setString(i++, r.code());
            ps.setString(i++, r.name());
            ps.setString(i++, r.typeCode());
            ps.setInt(i++, r.cell() ? 1 : 0);
            ps.setLong(i++, r.unitVersion());
            for (long v : r.counts()) {
                ps.setLong(i++, v);
            }
            ps.setLong(i++, r.updatedMs());
            ps.setString(i++, VietnameseText.sortKey(r.name()));
            ps.setString(i, r.parentKey());
            ps.executeUpdate();
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return row(rs, 0);
    }

    /** The row in the columns of {@link #columns(String)} after {@code skip} others. */
    private static Row row(ResultSet rs, int skip) throws SQLException {
        int o = skip;
        int to = rs.getInt(o + 3);
        Integer toDay = rs.wasNull() ? null : to;
        long[] counts = new long[Counts.SIZE];
        for (int i = 0; i < Counts.SIZE; i++) {
            counts[i] = rs.getLong(o + 12 + i);
        }
        return new Row(rs.getString(o + 1), rs.getInt(o + 2), toDay, rs.getString(o + 4), rs.getString(o + 5), rs.getInt(o + 6), rs.getString(o + 7),
                rs.getString(o + 8), rs.getString(o + 9), rs.getInt(o + 10) == 1, rs.getLong(o + 11), counts, rs.getLong(o + 12 + Counts.SIZE),
                rs.getString(o + 13 + Counts.SIZE));
    }
}
