package org.sotay.reporting.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.sotay.reporting.impl.internal.Figures.Row;

/**
 * Cell activity and attendance, kept from the meetings module's facts (read again whenever an event
 * names a meeting). A meeting reaches steps (bits of {@code STEPS}); a cell's steps in a period are
 * the union of its meetings'; each unit counts its cells by the combination of steps they reached
 * (RPT_ACTIVITY) and sums the attendance of the meetings held below it (RPT_ATTENDANCE).
 * <p>
 * Where a cell's period counts: under the cell's lineage (and connectivity) as they were when the
 * period ended, or today's while it runs; a tree change moves the running periods along
 * ({@link #rehome}) and leaves the ended ones as they were. A row already written keeps its place, so
 * events and a rebuild put every figure in the same place.
 */
final class Meetings {
    static final int REGISTERED = 1;
    static final int ON_TIME = 2;
    static final int DOCUMENTS = 4;
    static final int HELD = 8;
    static final int MINUTES = 16;
    /** The steps by bit, in funnel order, with their codes. */
    static final int[] STEP_BITS = { REGISTERED, ON_TIME, DOCUMENTS, HELD, MINUTES };
    static final String[] STEP_CODES = { "registered", "on-time", "documents", "held", "minutes" };

    /** Attendance columns, in order (also the vector of {@link Meeting#attendance}). */
    static final String[] ATTENDANCE = { "ON_ROLL", "EXEMPT", "AWAY", "PRESENT_OFFICIAL", "PRESENT_PROBATIONARY", "PRESENT_ATTACHED",
            "ABSENT_EXCUSED", "ABSENT_UNEXCUSED", "MARKED_BY_SECRETARY", "SELF_CHECK_INS" };
    /** The facts' property for each attendance column (MeetingEvents' names). */
    static final String[] FACTS = { "members", "exempt", "away", "presentOfficial", "presentProbationary", "presentAttached", "absentExcused",
            "absentUnexcused", "markedBySecretary", "selfCheckIns" };

    private Meetings() {
    }

    /** A meeting as reporting counts it. */
    record Meeting(String id, String unitId, String period, String kind, long startMs, int steps, int docsLate, String path, boolean held,
            long[] attendance, long version, boolean settled) {

        boolean sameFigures(Meeting o) {
            return o != null && unitId.equals(o.unitId) && period.equals(o.period) && kind.equals(o.kind) && startMs == o.startMs && steps == o.steps
                    && docsLate == o.docsLate && path.equals(o.path) && held == o.held && Arrays.equals(attendance, o.attendance);
        }
    }

    /**
     * A cell's activity in a period, and where it counts; for the cells needing help, whether a
     * meeting's documents were late (or missing) and the earliest start of a meeting without minutes
     * (null: none), both over the meetings not cancelled.
     */
    record CellPeriod(String cellId, String period, int steps, boolean offline, String path, boolean docsLate, Long minutesDueMs) {

        /** Whether the units above count it the same (the same combination of steps, connectivity and place). */
        boolean countedAs(CellPeriod o) {
            return o != null && steps == o.steps && offline == o.offline && path.equals(o.path);
        }
    }

    /** The meeting described by the meetings module's facts ({@code MeetingFacts}, the events' property names), counted under {@code path}. */
    static Meeting of(Map<String, Object> f, String path) {
        String status = string(f.get("status"));
        boolean cancelled = "CANCELLED".equals(status);
        boolean minutes = bool(f.get("minutesApproved")) || bool(f.get("paper"));
        boolean held = !cancelled && ("HELD".equals(status) || minutes);
        int onTime = number(f.get("docsOnTime"));
        int late = number(f.get("docsLate")) + number(f.get("docsMissing"));
        int unknown = number(f.get("docsUnknown"));
        int steps = 0;
        if (!cancelled) {
            steps = REGISTERED | (bool(f.get("beforeDeadline")) ? ON_TIME : 0) | (onTime > 0 && late == 0 && unknown == 0 ? DOCUMENTS : 0)
                    | (held ? HELD : 0) | (minutes ? MINUTES : 0);
        }
        long[] att = new long[ATTENDANCE.length];
        if (held && bool(f.get("withRoll"))) {
            for (int i = 0; i < FACTS.length; i++) {
                att[i] = number(f.get(FACTS[i]));
            }
        }
        String[] units = f.get("units") instanceof String[] u ? u : new String[0];
        return new Meeting(string(f.get("id")), units.length == 0 ? "" : units[0], string(f.get("period")), string(f.get("kind")),
                f.get("startMs") instanceof Number n ? n.longValue() : 0, steps, cancelled ? 0 : late, path, held, att,
                f.get("version") instanceof Number v ? v.longValue() : 0, false);
    }

    /** The last day of {@code period} ({@code yyyy-MM}), or {@code today} if that is earlier: the day whose tree a period counts under. */
    static LocalDate countedOn(String period, LocalDate today) {
        LocalDate end = YearMonth.parse(period).atEndOfMonth();
        return end.isAfter(today) ? today : end;
    }

    /** Whether {@code period} still runs on {@code today} (its figures follow the tree). */
    static boolean running(String period, LocalDate today) {
        return !YearMonth.parse(period).atEndOfMonth().isBefore(today);
    }

    /**
     * Applies the meetings read again ({@code read}: by id, {@code null} for one that is gone): each
     * meeting's attendance moves from its old place to its new one, and the cells' periods it touches
     * are counted again. A meeting read at an older version than reporting has is left alone. Returns
     * how many meetings changed.
     */
    static int apply(Connection c, Map<String, Map<String, Object>> read, LocalDate today, long now, java.time.ZoneId zone) throws SQLException {
        Map<String, Meeting> known = get(c, read.keySet());
        Set<List<String>> touched = new LinkedHashSet<>();
        int changed = 0;
        for (Map.Entry<String, Map<String, Object>> e : read.entrySet()) {
            Meeting before = known.get(e.getKey());
            Map<String, Object> f = e.getValue();
            Meeting after = null;
            if (f != null) {
                Meeting m = of(f, "");
                if (m.unitId().isEmpty() || m.period() == null || m.kind() == null || !m.period().matches("\\d{4}-\\d{2}")) {
                    continue;
                }
                if (before != null && before.version() > m.version()) {
                    continue; // an older read lost a race with a newer one
                }
                String path = before != null && before.unitId().equals(m.unitId()) && before.period().equals(m.period()) ? before.path()
                        : placeOf(c, m.unitId(), m.period(), today);
                if (path == null) {
                    continue; // a unit reporting has not drawn: its tree round comes first
                }
                after = new Meeting(m.id(), m.unitId(), m.period(), m.kind(), m.startMs(), m.steps(), m.docsLate(), path, m.held(), m.attendance(),
                        m.version(), before != null && before.settled() && m.startMs() <= now);
            }
            if (after != null && after.sameFigures(before)) {
                if (before.version() != after.version()) {
                    put(c, after, true, now);
                }
                continue;
            }
            if (before == null && after == null) {
                continue;
            }
            if (before != null) {
                attendance(c, before, -1);
                touched.add(List.of(before.unitId(), before.period()));
            }
            if (after != null) {
                attendance(c, after, 1);
                touched.add(List.of(after.unitId(), after.period()));
                put(c, after, before != null, now);
            } else {
                delete(c, before.id());
            }
            changed++;
        }
        for (List<String> cp : touched) {
            recount(c, cp.get(0), cp.get(1), today, now, zone);
        }
        return changed;
    }

    /**
     * A cell's steps in a period counted again from its meetings; the units above move the cell to its new
     * combination, and the cell's kept reasons for help follow ({@link Help#refresh}).
     */
    static void recount(Connection c, String unitId, String period, LocalDate today, long now, java.time.ZoneId zone) throws SQLException {
        Row unit = Figures.current(c, List.of(unitId)).get(unitId);
        if (unit == null || !unit.cell()) {
            return; // a committee's meetings count in attendance only
        }
        int steps = 0;
        boolean any = false;
        boolean docsLate = false;
        Long minutesDue = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT STEPS, DOCS_LATE, START_MS FROM RPT_MEETING WHERE UNIT_ID = ? AND PERIOD = ?")) {
            ps.setString(1, unitId);
            ps.setString(2, period);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int st = rs.getInt(1);
                    steps |= st;
                    any = true;
                    docsLate |= st != 0 && rs.getInt(2) > 0;
                    if (st != 0 && (st & MINUTES) == 0 && (minutesDue == null || rs.getLong(3) < minutesDue)) {
                        minutesDue = rs.getLong(3);
                    }
                }
            }
        }
        CellPeriod before = cellPeriod(c, unitId, period);
        CellPeriod after = null;
        if (any) {
            if (before != null) {
                after = new CellPeriod(unitId, period, steps, before.offline(), before.path(), docsLate, minutesDue);
            } else {
                Row at = placeRow(c, unitId, period, today);
                if (at == null) {
                    return;
                }
                after = new CellPeriod(unitId, period, steps, at.counts()[Counts.OFFLINE_CELLS] > 0, at.path(), docsLate, minutesDue);
            }
        }
        move(c, before, after, now);
        Help.refresh(c, List.of(unitId), zone);
    }

    /** Replaces a cell's period row: the units above lose the old combination and gain the new one. */
    static void move(Connection c, CellPeriod before, CellPeriod after, long now) throws SQLException {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null && before.countedAs(after)) {
            // only what the cells needing help read changed: the sums above stay
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE RPT_CELL_ACTIVITY SET DOCS_LATE = ?, MINUTES_DUE_MS = ?, UPDATED_MS = ? WHERE CELL_ID = ? AND PERIOD = ?")) {
                ps.setInt(1, after.docsLate() ? 1 : 0);
                ps.setObject(2, after.minutesDueMs(), java.sql.Types.BIGINT);
                ps.setLong(3, now);
                ps.setString(4, after.cellId());
                ps.setString(5, after.period());
                ps.executeUpdate();
            }
            return;
        }
        if (before != null) {
            activity(c, before, -1);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM RPT_CELL_ACTIVITY WHERE CELL_ID = ? AND PERIOD = ?")) {
                ps.setString(1, before.cellId());
                ps.setString(2, before.period());
                ps.executeUpdate();
            }
        }
        if (after != null) {
            activity(c, after, 1);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO RPT_CELL_ACTIVITY (CELL_ID, PERIOD, STEPS, OFFLINE, PATH, UPDATED_MS, DOCS_LATE, MINUTES_DUE_MS) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, after.cellId());
                ps.setString(2, after.period());
                ps.setInt(3, after.steps());
                ps.setInt(4, after.offline() ? 1 : 0);
                ps.setString(5, after.path());
                ps.setLong(6, now);
                ps.setInt(7, after.docsLate() ? 1 : 0);
                ps.setObject(8, after.minutesDueMs(), java.sql.Types.BIGINT);
                ps.executeUpdate();
            }
        }
    }

    /**
     * The tree changed: the running periods of {@code units} (whose path or connectivity changed) move
     * to where the units are now; ended periods stay where they were.
     */
    static void rehome(Connection c, Collection<Row> units, LocalDate today, long now) throws SQLException {
        YearMonth first = YearMonth.from(today);
        for (Row u : units) {
            boolean offline = u.counts()[Counts.OFFLINE_CELLS] > 0;
            List<CellPeriod> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CELL_PERIOD + " FROM RPT_CELL_ACTIVITY WHERE CELL_ID = ? AND PERIOD >= ?")) {
                ps.setString(1, u.unitId());
                ps.setString(2, first.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(cellPeriod(rs));
                    }
                }
            }
            for (CellPeriod cp : rows) {
                move(c, cp, new CellPeriod(cp.cellId(), cp.period(), cp.steps(), u.cell() && offline, u.path(), cp.docsLate(), cp.minutesDueMs()), now);
            }
            for (Meeting m : byUnit(c, u.unitId(), first.toString())) {
                if (!m.path().equals(u.path())) {
                    attendance(c, m, -1);
                    Meeting moved = new Meeting(m.id(), m.unitId(), m.period(), m.kind(), m.startMs(), m.steps(), m.docsLate(), u.path(), m.held(),
                            m.attendance(), m.version(), m.settled());
                    attendance(c, moved, 1);
                    put(c, moved, true, now);
                }
            }
        }
    }

    /** The path a unit's period counts under: its row on the period's last day (or today), else its current row. */
    static String placeOf(Connection c, String unitId, String period, LocalDate today) throws SQLException {
        Row r = placeRow(c, unitId, period, today);
        return r == null ? null : r.path();
    }

    private static Row placeRow(Connection c, String unitId, String period, LocalDate today) throws SQLException {
        Row r = Figures.at(c, unitId, (int) countedOn(period, today).toEpochDay());
        return r != null ? r : Figures.current(c, List.of(unitId)).get(unitId);
    }

    private static void activity(Connection c, CellPeriod cp, int sign) throws SQLException {
        for (String unit : lineage(cp.path())) {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE RPT_ACTIVITY SET CELLS = CELLS + ? WHERE UNIT_ID = ? AND PERIOD = ? AND STEPS = ? AND OFFLINE = ?")) {
                up.setLong(1, sign);
                up.setString(2, unit);
                up.setString(3, cp.period());
                up.setInt(4, cp.steps());
                up.setInt(5, cp.offline() ? 1 : 0);
                if (up.executeUpdate() > 0) {
                    continue;
                }
            }
            try (PreparedStatement in = c.prepareStatement("INSERT INTO RPT_ACTIVITY (UNIT_ID, PERIOD, STEPS, OFFLINE, CELLS) VALUES (?, ?, ?, ?, ?)")) {
                in.setString(1, unit);
                in.setString(2, cp.period());
                in.setInt(3, cp.steps());
                in.setInt(4, cp.offline() ? 1 : 0);
                in.setLong(5, sign);
                in.executeUpdate();
            }
        }
    }

    private static void attendance(Connection c, Meeting m, int sign) throws SQLException {
        if (!m.held()) {
            return;
        }
        StringBuilder set = new StringBuilder("MEETINGS = MEETINGS + ?");
        for (String col : ATTENDANCE) {
            set.append(", ").append(col).append(" = ").append(col).append(" + ?");
        }
        for (String unit : lineage(m.path())) {
            try (PreparedStatement up = c.prepareStatement("UPDATE RPT_ATTENDANCE SET " + set + " WHERE UNIT_ID = ? AND PERIOD = ? AND KIND = ?")) {
                int i = 1;
                up.setLong(i++, sign);
                for (long v : m.attendance()) {
                    up.setLong(i++, sign * v);
                }
                up.setString(i++, unit);
                up.setString(i++, m.period());
                up.setString(i, m.kind());
                if (up.executeUpdate() > 0) {
                    continue;
                }
            }
            try (PreparedStatement in = c.prepareStatement("INSERT INTO RPT_ATTENDANCE (UNIT_ID, PERIOD, KIND, MEETINGS, " + String.join(", ", ATTENDANCE)
                    + ") VALUES (?, ?, ?, ?" + ", ?".repeat(ATTENDANCE.length) + ")")) {
                int i = 1;
                in.setString(i++, unit);
                in.setString(i++, m.period());
                in.setString(i++, m.kind());
                in.setLong(i++, sign);
                for (long v : m.attendance()) {
                    in.setLong(i++, sign * v);
                }
                in.executeUpdate();
            }
        }
    }

    static List<String> lineage(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static final String COLUMNS = "MEETING_ID, UNIT_ID, PERIOD, KIND, START_MS, STEPS, DOCS_LATE, PATH, HELD, " + String.join(", ", ATTENDANCE)
            + ", MEETING_VERSION, SETTLED";

    static Map<String, Meeting> get(Connection c, Collection<String> ids) throws SQLException {
        Map<String, Meeting> out = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> part = all.subList(from, Math.min(all.size(), from + 500));
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM RPT_MEETING WHERE MEETING_ID IN (" + MemberFacts.marks(part.size()) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Meeting m = meeting(rs);
                        out.put(m.id(), m);
                    }
                }
            }
        }
        return out;
    }

    /** A unit's meetings from {@code fromPeriod} on. */
    static List<Meeting> byUnit(Connection c, String unitId, String fromPeriod) throws SQLException {
        List<Meeting> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM RPT_MEETING WHERE UNIT_ID = ? AND PERIOD >= ?")) {
            ps.setString(1, unitId);
            ps.setString(2, fromPeriod);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(meeting(rs));
                }
            }
        }
        return out;
    }

    /** Meetings that started and were not read again since: their documents' timing is final now. */
    static List<String> toSettle(Connection c, long now, int limit) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT MEETING_ID FROM RPT_MEETING WHERE SETTLED = 0 AND START_MS <= ? ORDER BY START_MS")) {
            ps.setLong(1, now);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < limit) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static void settled(Connection c, Collection<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE RPT_MEETING SET SETTLED = 1 WHERE MEETING_ID = ?")) {
            for (String id : ids) {
                ps.setString(1, id);
                ps.addBatch();
            }
            if (!ids.isEmpty()) {
                ps.executeBatch();
            }
        }
    }

    static CellPeriod cellPeriod(Connection c, String cellId, String period) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CELL_PERIOD + " FROM RPT_CELL_ACTIVITY WHERE CELL_ID = ? AND PERIOD = ?")) {
            ps.setString(1, cellId);
            ps.setString(2, period);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? cellPeriod(rs) : null;
            }
        }
    }

    private static final String CELL_PERIOD = "CELL_ID, PERIOD, STEPS, OFFLINE, PATH, DOCS_LATE, MINUTES_DUE_MS";

    private static CellPeriod cellPeriod(ResultSet rs) throws SQLException {
        long due = rs.getLong(7);
        Long minutesDue = rs.wasNull() ? null : due; // before any other column is read: wasNull() answers for the last one
        return new CellPeriod(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4) == 1, rs.getString(5), rs.getInt(6) == 1, minutesDue);
    }

    private static void put(Connection c, Meeting m, boolean exists, long now) throws SQLException {
        if (exists) {
            delete(c, m.id());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO RPT_MEETING (" + COLUMNS + ", UPDATED_MS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?"
                + ", ?".repeat(ATTENDANCE.length) + ", ?, ?, ?)")) {
            int i = 1;
            ps.setString(i++, m.id());
            ps.setString(i++, m.unitId());
            ps.setString(i++, m.period());
            ps.setString(i++, m.kind());
            ps.setLong(i++, m.startMs());
            ps.setInt(i++, m.steps());
            ps.setInt(i++, m.docsLate());
            ps.setString(i++, m.path());
            ps.setInt(i++, m.held() ? 1 : 0);
            for (long v : m.attendance()) {
                ps.setLong(i++, v);
            }
            ps.setLong(i++, m.version());
            ps.setInt(i++, m.settled() ? 1 : 0);
            ps.setLong(i, now);
            ps.executeUpdate();
        }
    }

    private static void delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM RPT_MEETING WHERE MEETING_ID = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    private static Meeting meeting(ResultSet rs) throws SQLException {
        long[] att = new long[ATTENDANCE.length];
        for (int i = 0; i < att.length; i++) {
            att[i] = rs.getLong(10 + i);
        }
        return new Meeting(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getInt(6), rs.getInt(7),
                rs.getString(8), rs.getInt(9) == 1, att, rs.getLong(10 + ATTENDANCE.length), rs.getInt(11 + ATTENDANCE.length) == 1);
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }

    private static boolean bool(Object o) {
        return o instanceof Boolean b && b;
    }

    private static int number(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }
}
