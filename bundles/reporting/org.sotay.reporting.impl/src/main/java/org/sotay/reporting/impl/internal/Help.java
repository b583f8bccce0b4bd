package org.sotay.reporting.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.sotay.core.api.VietnameseText;
import org.sotay.reporting.impl.internal.Figures.Row;

/**
 * The cells needing help, kept (RPT_HELP_CELL, RPT_HELP_PERIOD, RPT_HELP_COUNT; see V7): what a cell
 * counts as is derived from its current unit row (its lineage, sort keys, members and installs,
 * connectivity) and its periods in RPT_CELL_ACTIVITY; {@link #refresh} compares that with what the cell
 * was kept as and writes only the difference, with the counts of every unit above it moved by the same
 * difference. It runs in the transaction of every change to either source (the tree redrawn, members
 * counted, a cell's period recounted), so the kept rows follow, an event applied twice changes nothing
 * (the second comparison finds no difference), and {@link #check} (a rebuild's last step) recomputes
 * every count from the kept cells and corrects what differs.
 * <p>
 * Time passing needs no write: the registration deadline's passing is the same for every cell of a
 * period (a parameter of the report), and a meeting's missing minutes are kept as the day of the meeting,
 * compared with the report's day less {@code minutesDays} (a whole day: the minutes of a meeting on the
 * 5th are missing from the 13th with 7 days).
 */
final class Help {
    /** RPT_HELP_COUNT's period of every cell, counted by the reasons that do not depend on the period. */
    static final String ALL = "0000-00";
    static final int NO_DAY = -1;

    private Help() {
    }

    /** Where a cell is listed (the units of its lineage, in id order) and its period-free reasons. */
    record Place(List<String> units, String parentKey, String nameKey, boolean nobodyInstalled, boolean noInternet) {
    }

    /** A cell's reasons in a period it has meetings in; {@code minutesDay} {@link #NO_DAY} for none. */
    record Reasons(boolean late, boolean docsLate, int minutesDay) {
    }

    /** A row of RPT_HELP_COUNT without its count. */
    record Key(String unitId, String period, boolean nobodyInstalled, boolean noInternet, boolean late, boolean docsLate, int minutesDay) {
    }

    /** A cell's place from its current unit row. */
    static Place place(Row r) {
        long[] v = r.counts();
        return new Place(List.copyOf(new java.util.TreeSet<>(r.lineage())), r.parentKey(), VietnameseText.sortKey(r.name()), v[Counts.MEMBERS] > 0 && v[Counts.INSTALLED] == 0,
                v[Counts.OFFLINE_CELLS] > 0);
    }

    /** A cell's reasons from its period's columns in RPT_CELL_ACTIVITY. */
    static Reasons reasons(int steps, boolean docsLate, Long minutesDueMs, ZoneId zone) {
        return new Reasons((steps & Meetings.ON_TIME) == 0, docsLate,
                minutesDueMs == null ? NO_DAY : (int) LocalDate.ofInstant(Instant.ofEpochMilli(minutesDueMs), zone).toEpochDay());
    }

    /** The counts a cell adds: once per unit of its lineage for every cell, and once per period it has a row in. */
    static void contribution(Place place, Map<String, Reasons> periods, int sign, Map<Key, Long> into) {
        if (place == null) {
            return;
        }
        for (String unit : place.units()) {
            into.merge(new Key(unit, ALL, place.nobodyInstalled(), place.noInternet(), false, false, NO_DAY), (long) sign, Long::sum);
            for (Map.Entry<String, Reasons> e : periods.entrySet()) {
                Reasons r = e.getValue();
                into.merge(new Key(unit, e.getKey(), place.nobodyInstalled(), place.noInternet(), r.late(), r.docsLate(), r.minutesDay()), (long) sign,
                        Long::sum);
            }
        }
    }

    /**
     * Brings the kept rows of these cells (any unit ids: those that are not open cells and were never kept
     * are skipped) to what their sources say now. Returns how many cells changed.
     */
    static int refresh(Connection c, Collection<String> unitIds, ZoneId zone) throws SQLException {
        if (unitIds.isEmpty()) {
            return 0;
        }
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(unitIds));
        int changed = 0;
        Map<Key, Long> delta = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
            Map<String, Row> rows = Figures.currentById(c, part);
            Map<String, Map<String, Reasons>> activity = activity(c, part, zone);
            Map<String, Place> keptPlaces = keptPlaces(c, part);
            Map<String, Map<String, Reasons>> keptPeriods = keptPeriods(c, part);
            for (String id : part) {
                Row r = rows.get(id);
                Place want = r == null || !r.cell() ? null : place(r);
                Map<String, Reasons> wantPeriods = want == null ? Map.of() : activity.getOrDefault(id, Map.of());
                Place had = keptPlaces.get(id);
                Map<String, Reasons> hadPeriods = keptPeriods.getOrDefault(id, Map.of());
                if (Objects.equals(want, had) && wantPeriods.equals(hadPeriods)) {
                    continue;
                }
                changed++;
                contribution(had, hadPeriods, -1, delta);
                contribution(want, wantPeriods, 1, delta);
                if (!Objects.equals(want, had)) {
                    writePlace(c, id, want);
                }
                if (!wantPeriods.equals(hadPeriods)) {
                    writePeriods(c, id, hadPeriods, wantPeriods);
                }
            }
        }
        addCounts(c, delta);
        return changed;
    }

    /** Every cell kept or open brought up to date; the state row says the tables are filled. Returns how many cells changed. */
    static int refreshAll(Connection c, ZoneId zone, long now) throws SQLException {
        Set<String> ids = new LinkedHashSet<>(Sums.strings(c, "SELECT UNIT_ID FROM RPT_UNIT WHERE TO_DAY IS NULL AND IS_CELL = 1"));
        ids.addAll(Sums.strings(c, "SELECT DISTINCT CELL_ID FROM RPT_HELP_CELL"));
        ids.addAll(Sums.strings(c, "SELECT DISTINCT CELL_ID FROM RPT_HELP_PERIOD"));
        int changed = refresh(c, ids, zone);
        try (PreparedStatement ps = c.prepareStatement("UPDATE RPT_STATE SET VAL = '1', UPDATED_MS = ? WHERE NAME = 'help'")) {
            ps.setLong(1, now);
            ps.executeUpdate();
        }
        return changed;
    }

    /** Whether the kept tables were filled (after the migration that made them, or a rebuild). */
    static boolean filled(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT VAL FROM RPT_STATE WHERE NAME = 'help'"); ResultSet rs = ps.executeQuery()) {
            return !rs.next() || rs.getString(1) != null;
        }
    }

    /**
     * Every count computed again from the kept cells and periods (a rebuild's last step, after
     * {@link #refreshAll}); what differs is corrected. Returns the rows corrected: after events, none.
     */
    static int check(Connection c) throws SQLException {
        Map<String, Place> places = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT CELL_ID, UNIT_ID, PARENT_KEY, NAME_KEY, NOBODY_INSTALLED, NO_INTERNET FROM RPT_HELP_CELL");
                ResultSet rs = ps.executeQuery()) {
            Map<String, List<String>> units = new HashMap<>();
            while (rs.next()) {
                String cell = rs.getString(1);
                units.computeIfAbsent(cell, k -> new ArrayList<>()).add(rs.getString(2));
                places.putIfAbsent(cell, new Place(units.get(cell), rs.getString(3), rs.getString(4), rs.getInt(5) == 1, rs.getInt(6) == 1));
            }
        }
        Map<String, Map<String, Reasons>> periods = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT CELL_ID, PERIOD, LATE, DOCS_LATE, MINUTES_DAY FROM RPT_HELP_PERIOD"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                periods.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2).strip(), reasons(rs));
            }
        }
        Map<Key, Long> want = new HashMap<>();
        for (Map.Entry<String, Place> e : places.entrySet()) {
            contribution(e.getValue(), periods.getOrDefault(e.getKey(), Map.of()), 1, want);
        }
        want.values().removeIf(v -> v == 0);
        Map<Key, Long> have = counts(c, null, null);
        Map<Key, Long> delta = new HashMap<>();
        Set<Key> keys = new LinkedHashSet<>(want.keySet());
        keys.addAll(have.keySet());
        for (Key k : keys) {
            long d = want.getOrDefault(k, 0L) - have.getOrDefault(k, 0L);
            if (d != 0) {
                delta.put(k, d);
            }
        }
        addCounts(c, delta);
        return delta.size();
    }

    /** The counts kept for {@code unitId} in these periods (null: every row). */
    static Map<Key, Long> counts(Connection c, String unitId, List<String> periods) throws SQLException {
        String sql = "SELECT UNIT_ID, PERIOD, NOBODY_INSTALLED, NO_INTERNET, LATE, DOCS_LATE, MINUTES_DAY, CELLS FROM RPT_HELP_COUNT"
                + (unitId == null ? "" : " WHERE UNIT_ID = ? AND PERIOD IN (" + MemberFacts.marks(periods.size()) + ")");
        Map<Key, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (unitId != null) {
                ps.setString(1, unitId);
                for (int i = 0; i < periods.size(); i++) {
                    ps.setString(i + 2, periods.get(i));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new Key(rs.getString(1), rs.getString(2).strip(), rs.getInt(3) == 1, rs.getInt(4) == 1, rs.getInt(5) == 1, rs.getInt(6) == 1,
                            rs.getInt(7)), rs.getLong(8));
                }
            }
        }
        return out;
    }

    /** The kept reasons of these cells in {@code period}, for those that have meetings in it. */
    static Map<String, Reasons> periods(Connection c, List<String> cells, String period) throws SQLException {
        Map<String, Reasons> out = new HashMap<>();
        if (cells.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT CELL_ID, PERIOD, LATE, DOCS_LATE, MINUTES_DAY FROM RPT_HELP_PERIOD WHERE PERIOD = ? AND CELL_ID IN ("
                + MemberFacts.marks(cells.size()) + ")")) {
            ps.setString(1, period);
            for (int i = 0; i < cells.size(); i++) {
                ps.setString(i + 2, cells.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), reasons(rs));
                }
            }
        }
        return out;
    }

    private static Reasons reasons(ResultSet rs) throws SQLException {
        boolean late = rs.getInt(3) == 1;
        boolean docsLate = rs.getInt(4) == 1;
        int day = rs.getInt(5);
        return new Reasons(late, docsLate, rs.wasNull() ? NO_DAY : day);
    }

    private static Map<String, Map<String, Reasons>> activity(Connection c, List<String> cells, ZoneId zone) throws SQLException {
        Map<String, Map<String, Reasons>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT CELL_ID, PERIOD, STEPS, DOCS_LATE, MINUTES_DUE_MS FROM RPT_CELL_ACTIVITY WHERE CELL_ID IN ("
                + MemberFacts.marks(cells.size()) + ")")) {
            for (int i = 0; i < cells.size(); i++) {
                ps.setString(i + 1, cells.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long due = rs.getLong(5);
                    Long minutesDue = rs.wasNull() ? null : due;
                    out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2).strip(),
                            reasons(rs.getInt(3), rs.getInt(4) == 1, minutesDue, zone));
                }
            }
        }
        return out;
    }

    private static Map<String, Place> keptPlaces(Connection c, List<String> cells) throws SQLException {
        Map<String, List<String>> units = new HashMap<>();
        Map<String, Object[]> attrs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT CELL_ID, UNIT_ID, PARENT_KEY, NAME_KEY, NOBODY_INSTALLED, NO_INTERNET FROM RPT_HELP_CELL"
                + " WHERE CELL_ID IN (" + MemberFacts.marks(cells.size()) + ")")) {
            for (int i = 0; i < cells.size(); i++) {
                ps.setString(i + 1, cells.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    units.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    attrs.putIfAbsent(rs.getString(1), new Object[] { rs.getString(3), rs.getString(4), rs.getInt(5) == 1, rs.getInt(6) == 1 });
                }
            }
        }
        Map<String, Place> out = new HashMap<>();
        for (Map.Entry<String, Object[]> e : attrs.entrySet()) {
            Object[] a = e.getValue();
            out.put(e.getKey(), new Place(List.copyOf(new java.util.TreeSet<>(units.get(e.getKey()))), (String) a[0], (String) a[1], (Boolean) a[2], (Boolean) a[3]));
        }
        return out;
    }

    private static Map<String, Map<String, Reasons>> keptPeriods(Connection c, List<String> cells) throws SQLException {
        Map<String, Map<String, Reasons>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT CELL_ID, PERIOD, LATE, DOCS_LATE, MINUTES_DAY FROM RPT_HELP_PERIOD WHERE CELL_ID IN ("
                + MemberFacts.marks(cells.size()) + ")")) {
            for (int i = 0; i < cells.size(); i++) {
                ps.setString(i + 1, cells.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2).strip(), reasons(rs));
                }
            }
        }
        return out;
    }

    private static void writePlace(Connection c, String cellId, Place place) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM RPT_HELP_CELL WHERE CELL_ID = ?")) {
            ps.setString(1, cellId);
            ps.executeUpdate();
        }
        if (place == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO RPT_HELP_CELL (UNIT_ID, CELL_ID, PARENT_KEY, NAME_KEY, NOBODY_INSTALLED, NO_INTERNET) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (String unit : place.units()) {
                ps.setString(1, unit);
                ps.setString(2, cellId);
                ps.setString(3, place.parentKey());
                ps.setString(4, place.nameKey());
                ps.setInt(5, place.nobodyInstalled() ? 1 : 0);
                ps.setInt(6, place.noInternet() ? 1 : 0);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void writePeriods(Connection c, String cellId, Map<String, Reasons> had, Map<String, Reasons> want) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM RPT_HELP_PERIOD WHERE CELL_ID = ? AND PERIOD = ?");
                PreparedStatement ins = c.prepareStatement("INSERT INTO RPT_HELP_PERIOD (CELL_ID, PERIOD, LATE, DOCS_LATE, MINUTES_DAY) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, Reasons> e : had.entrySet()) {
                if (!e.getValue().equals(want.get(e.getKey()))) {
                    del.setString(1, cellId);
                    del.setString(2, e.getKey());
                    del.executeUpdate();
                }
            }
            for (Map.Entry<String, Reasons> e : want.entrySet()) {
                if (!e.getValue().equals(had.get(e.getKey()))) {
                    Reasons r = e.getValue();
                    ins.setString(1, cellId);
                    ins.setString(2, e.getKey());
                    ins.setInt(3, r.late() ? 1 : 0);
                    ins.setInt(4, r.docsLate() ? 1 : 0);
                    ins.setObject(5, r.minutesDay() == NO_DAY ? null : r.minutesDay(), java.sql.Types.INTEGER);
                    ins.executeUpdate();
                }
            }
        }
    }

    /** Adds each delta to its count; a count that reaches zero is deleted (so a rebuild's counts and the kept ones are the same rows). */
    private static void addCounts(Connection c, Map<Key, Long> delta) throws SQLException {
        String where = " WHERE UNIT_ID = ? AND PERIOD = ? AND NOBODY_INSTALLED = ? AND NO_INTERNET = ? AND LATE = ? AND DOCS_LATE = ? AND MINUTES_DAY = ?";
        try (PreparedStatement up = c.prepareStatement("UPDATE RPT_HELP_COUNT SET CELLS = CELLS + ?" + where);
                PreparedStatement in = c.prepareStatement("INSERT INTO RPT_HELP_COUNT (UNIT_ID, PERIOD, NOBODY_INSTALLED, NO_INTERNET, LATE, DOCS_LATE,"
                        + " MINUTES_DAY, CELLS) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement zero = c.prepareStatement("DELETE FROM RPT_HELP_COUNT" + where + " AND CELLS = 0")) {
            for (Map.Entry<Key, Long> e : delta.entrySet()) {
                long d = e.getValue();
                if (d == 0) {
                    continue;
                }
                Key k = e.getKey();
                up.setLong(1, d);
                key(up, 2, k);
                if (up.executeUpdate() == 0) {
                    key(in, 1, k);
                    in.setLong(8, d);
                    in.executeUpdate();
                } else if (d < 0) {
                    key(zero, 1, k);
                    zero.executeUpdate();
                }
            }
        }
    }

    private static void key(PreparedStatement ps, int at, Key k) throws SQLException {
        ps.setString(at, k.unitId());
        ps.setString(at + 1, k.period());
        ps.setInt(at + 2, k.nobodyInstalled() ? 1 : 0);
        ps.setInt(at + 3, k.noInternet() ? 1 : 0);
        ps.setInt(at + 4, k.late() ? 1 : 0);
        ps.setInt(at + 5, k.docsLate() ? 1 : 0);
        ps.setInt(at + 6, k.minutesDay());
    }
}
