package org.sotay.reporting.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.security.Scope;
import org.sotay.reporting.api.AttendanceFigures;
import org.sotay.reporting.api.CellNeedingHelp;
import org.sotay.reporting.api.Note;
import org.sotay.reporting.api.Rate;
import org.sotay.reporting.api.Step;
import org.sotay.reporting.api.UnitActivity;
import org.sotay.reporting.api.UnitAttendance;
import org.sotay.reporting.api.UnitConnectivity;
import org.sotay.reporting.api.UnitReading;
import org.sotay.reporting.api.UnitRef;
import org.sotay.reporting.impl.internal.Figures.Row;

/**
 * The activity, attendance and reading figures read for a report: one row per unit (and per
 * combination of steps, kind or item), never a scan of members or meetings, except for the cells
 * needing help, which lists cells.
 */
final class ActivityQueries {
    private static final String[][] STEP_TEXT = {
            { "Đăng ký lịch sinh hoạt trên sổ tay", "Meeting registered in the handbook" },
            { "Đăng ký đúng hạn", "Registered by the deadline" },
            { "Tài liệu đăng trước ít nhất một ngày", "Documents posted at least a day before" },
            { "Ghi nhận điểm danh (hoặc biên bản giấy)", "Attendance recorded (or paper minutes)" },
            { "Biên bản được thông qua (hoặc biên bản giấy)", "Minutes approved (or on paper)" } };

    private ActivityQueries() {
    }

    /** Cells by combination of steps, per unit ({@code offline}: only cells without internet, or only those with it; null: all). */
    static Map<String, Map<Integer, Long>> combinations(Connection c, List<String> unitIds, String period, Boolean offline) throws SQLException {
        Map<String, Map<Integer, Long>> out = new HashMap<>();
        if (unitIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT UNIT_ID, STEPS, CELLS FROM RPT_ACTIVITY WHERE PERIOD = ? AND UNIT_ID IN ("
                + MemberFacts.marks(unitIds.size()) + ")" + (offline == null ? "" : " AND OFFLINE = " + (offline ? 1 : 0)))) {
            ps.setString(1, period);
            for (int i = 0; i < unitIds.size(); i++) {
                ps.setString(i + 2, unitIds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).merge(rs.getInt(2), rs.getLong(3), Long::sum);
                }
            }
        }
        return out;
    }

    /** A unit's activity from its cells and their combinations of steps. */
    static UnitActivity activity(UnitRef unit, long cells, Map<Integer, Long> combos, int usedMask, int goalPercent) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < Meetings.STEP_BITS.length; i++) {
            long n = 0;
            for (Map.Entry<Integer, Long> e : combos.entrySet()) {
                if ((e.getKey() & Meetings.STEP_BITS[i]) != 0) {
                    n += e.getValue();
                }
            }
            steps.add(new Step(Meetings.STEP_CODES[i], STEP_TEXT[i][0], STEP_TEXT[i][1], n, Rate.of(n, cells)));
        }
        long used = used(combos, usedMask);
        return new UnitActivity(unit, cells, steps, Rate.of(used, cells), cells > 0 && used * 100 >= (long) goalPercent * cells);
    }

    static long used(Map<Integer, Long> combos, int usedMask) {
        long used = 0;
        for (Map.Entry<Integer, Long> e : combos.entrySet()) {
            if (e.getKey() != 0 && (e.getKey() & usedMask) == usedMask) {
                used += e.getValue();
            }
        }
        return used;
    }

    /** Attendance by kind, per unit: unit id to kind to {meetings, the attendance columns}. */
    static Map<String, Map<String, long[]>> attendance(Connection c, List<String> unitIds, String period) throws SQLException {
        Map<String, Map<String, long[]>> out = new HashMap<>();
        if (unitIds.isEmpty()) {
            return out;
        }
        int n = Meetings.ATTENDANCE.length + 1;
        try (PreparedStatement ps = c.prepareStatement("SELECT UNIT_ID, KIND, MEETINGS, " + String.join(", ", Meetings.ATTENDANCE)
                + " FROM RPT_ATTENDANCE WHERE PERIOD = ? AND UNIT_ID IN (" + MemberFacts.marks(unitIds.size()) + ") ORDER BY KIND")) {
            ps.setString(1, period);
            for (int i = 0; i < unitIds.size(); i++) {
                ps.setString(i + 2, unitIds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] v = new long[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = rs.getLong(3 + i);
                    }
                    if (v[0] != 0) {
                        out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), v);
                    }
                }
            }
        }
        return out;
    }

    static UnitAttendance unitAttendance(UnitRef unit, Map<String, long[]> byKind) {
        int n = Meetings.ATTENDANCE.length + 1;
        long[] total = new long[n];
        List<AttendanceFigures> kinds = new ArrayList<>();
        for (Map.Entry<String, long[]> e : byKind.entrySet()) {
            kinds.add(figures(e.getKey(), e.getValue()));
            for (int i = 0; i < n; i++) {
                total[i] += e.getValue()[i];
            }
        }
        return new UnitAttendance(unit, figures("*", total), kinds);
    }

    /** {meetings, ON_ROLL, EXEMPT, AWAY, PRESENT_OFFICIAL, PRESENT_PROBATIONARY, PRESENT_ATTACHED, ABSENT_EXCUSED, ABSENT_UNEXCUSED, MARKED_BY_SECRETARY, SELF_CHECK_INS}. */
    private static AttendanceFigures figures(String kind, long[] v) {
        return AttendanceFigures.of(kind, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
    }

    static UnitConnectivity connectivity(UnitRef unit, long cells, long offlineCells, Map<Integer, Long> without, Map<Integer, Long> with, int usedMask) {
        return new UnitConnectivity(unit, offlineCells, Rate.of(used(without, usedMask), offlineCells), cells - offlineCells,
                Rate.of(used(with, usedMask), cells - offlineCells));
    }

    /**
     * A page of the cells of the subtree at {@code path} (today's tree) with their reasons for help in
     * {@code period} ({@code only}: those with that reason), by the committee above them, then by
     * name (Vietnamese order), then by id, and how many there are. The database filters, orders,
     * counts and pages, on the sort keys and flags kept with the rows (RPT_UNIT's NAME_KEY and
     * PARENT_KEY, RPT_CELL_ACTIVITY's STEPS, DOCS_LATE and MINUTES_DUE_MS); what depends on the time
     * (the registration deadline passed today, minutes due {@code minutesDays} before {@code now}) is a
     * parameter of the query, so the answer is always today's.
     */
    static Page<CellNeedingHelp> cellsNeedingHelp(Connection c, String path, YearMonth period, LocalDate today, long now, int deadlineDay,
            int minutesDays, String only, PageRequest page) throws SQLException {
        String p = period.toString();
        LocalDate deadline = period.minusMonths(1).atDay(Math.max(1, Math.min(deadlineDay, period.minusMonths(1).lengthOfMonth())));
        boolean deadlinePassed = today.isAfter(deadline);
        long late = now - minutesDays * 86_400_000L;
        Scope subtree = Scope.ofPaths(List.of(path));
        // each reason as a condition on the cell's current row (u) and its period (a, absent without meetings)
        Map<String, String> reason = new LinkedHashMap<>();
        reason.put(CellNeedingHelp.NO_MEETING_REGISTERED, "(? = 1 AND (a.STEPS IS NULL OR MOD(a.STEPS / " + Meetings.ON_TIME + ", 2) = 0))");
        reason.put(CellNeedingHelp.DOCUMENTS_LATE, "a.DOCS_LATE = 1");
        reason.put(CellNeedingHelp.MINUTES_MISSING, "a.MINUTES_DUE_MS < ?");
        reason.put(CellNeedingHelp.NOBODY_INSTALLED, "(u.MEMBERS > 0 AND u.INSTALLED = 0)");
        reason.put(CellNeedingHelp.NO_INTERNET, "u.OFFLINE_CELLS > 0");
        List<Object> params = new ArrayList<>();
        params.add(p);
        // the subtree as a range of paths too (every path below starts with the unit's, which ends in '/'): a prepared
        // LIKE ? reaches the index only when the planner sees its value, a range always (PostgreSQL's generic plans)
        String upper = path.substring(0, path.length() - 1) + (char) (path.charAt(path.length() - 1) + 1);
        params.add(path);
        params.add(upper);
        params.addAll(subtree.sqlParameters());
        String filter;
        if (only == null) {
            filter = "(" + String.join(" OR ", reason.values()) + ")";
            params.add(deadlinePassed ? 1 : 0);
            params.add(late);
        } else {
            filter = reason.get(only);
            if (only.equals(CellNeedingHelp.NO_MEETING_REGISTERED)) {
                params.add(deadlinePassed ? 1 : 0);
            } else if (only.equals(CellNeedingHelp.MINUTES_MISSING)) {
                params.add(late);
            }
        }
        // Derby without statistics (a fresh or little-used database) picks RPT_UNIT_CURRENT_PATH and reads every cell's row
        // from the table (40 ms for 2,000 cells, measured on the shared machine); its optimizer override names the indexes that hold every column read
        boolean derby = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("derby");
        String from = " FROM RPT_UNIT u" + (derby ? " --DERBY-PROPERTIES index=RPT_UNIT_CELL_HELP\n" : "")
                + " LEFT JOIN RPT_CELL_ACTIVITY a" + (derby ? " --DERBY-PROPERTIES index=RPT_CELL_ACTIVITY_HELP\n" : "")
                + " ON a.CELL_ID = u.UNIT_ID AND a.PERIOD = ?"
                + " WHERE u.TO_DAY IS NULL AND u.IS_CELL = 1 AND u.PATH >= ? AND u.PATH < ? AND " + subtree.sql("u.PATH") + " AND " + filter;
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + from)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        // the page: ids and the period's columns, read from the two indexes; then the page's rows (and their parents') by id
        record Found(Row cell, int steps, boolean docsLate, Long minutesDue) {
        }
        List<String> ids = new ArrayList<>();
        Map<String, Object[]> activity = new HashMap<>();
        if (page.offset() < total) {
            try (PreparedStatement ps = c.prepareStatement("SELECT u.UNIT_ID, a.STEPS, a.DOCS_LATE, a.MINUTES_DUE_MS" + from
                    + " ORDER BY u.PARENT_KEY, u.NAME_KEY, u.UNIT_ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                List<Object> all = new ArrayList<>(params);
                all.add(page.offset());
                all.add(page.limit());
                bind(ps, all);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        int steps = rs.getInt(2);
                        boolean docsLate = rs.getInt(3) == 1;
                        long due = rs.getLong(4);
                        Long minutesDue = rs.wasNull() ? null : due;
                        ids.add(id);
                        activity.put(id, new Object[] { steps, docsLate, minutesDue });
                    }
                }
            }
        }
        Map<String, Row> rows = Figures.currentById(c, ids);
        List<Found> found = new ArrayList<>();
        for (String id : ids) {
            Row cell = rows.get(id);
            Object[] a = activity.get(id);
            if (cell != null) {
                found.add(new Found(cell, (Integer) a[0], (Boolean) a[1], (Long) a[2]));
            }
        }
        Map<String, Row> parents = Figures.currentById(c, found.stream().map(f -> f.cell().parentId()).filter(java.util.Objects::nonNull).distinct().toList());
        List<CellNeedingHelp> out = new ArrayList<>();
        for (Found f : found) {
            List<Note> reasons = new ArrayList<>();
            if (deadlinePassed && (f.steps() & Meetings.ON_TIME) == 0) {
                reasons.add(new Note(CellNeedingHelp.NO_MEETING_REGISTERED, "Chưa đăng ký lịch sinh hoạt tháng " + p + " trước hạn " + deadline + ".",
                        "No meeting registered for " + p + " by the deadline (" + deadline + ")."));
            }
            if (f.docsLate()) {
                reasons.add(new Note(CellNeedingHelp.DOCUMENTS_LATE, "Tài liệu sinh hoạt đăng muộn hoặc chưa đăng.", "Meeting documents posted late or missing."));
            }
            if (f.minutesDue() != null && f.minutesDue() < late) {
                reasons.add(new Note(CellNeedingHelp.MINUTES_MISSING, "Quá " + minutesDays + " ngày sau buổi sinh hoạt chưa có biên bản.",
                        "No minutes " + minutesDays + " days after the meeting."));
            }
            long[] v = f.cell().counts();
            if (v[Counts.MEMBERS] > 0 && v[Counts.INSTALLED] == 0) {
                reasons.add(new Note(CellNeedingHelp.NOBODY_INSTALLED, "Chưa đảng viên nào cài đặt sổ tay.", "No member has installed the handbook."));
            }
            if (v[Counts.OFFLINE_CELLS] > 0) {
                reasons.add(new Note(CellNeedingHelp.NO_INTERNET, "Nơi sinh hoạt chưa có internet.", "The meeting venue has no internet."));
            }
            Row parent = f.cell().parentId() == null ? null : parents.get(f.cell().parentId());
            out.add(new CellNeedingHelp(ref(f.cell()), parent == null ? null : parent.name(), v[Counts.MEMBERS], v[Counts.INSTALLED], reasons));
        }
        return new Page<>(out, total, page);
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v instanceof String str) {
                ps.setString(i + 1, str);
            } else if (v instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setLong(i + 1, (Long) v);
            }
        }
    }

    /** The audience units no other audience unit contains (so nobody is counted twice). */
    static List<Row> minimal(List<Row> audience) {
        List<Row> out = new ArrayList<>();
        for (Row a : audience) {
            boolean inside = audience.stream().anyMatch(o -> o != a && !o.unitId().equals(a.unitId()) && a.path().startsWith(o.path()));
            if (!inside) {
                out.add(a);
            }
        }
        return out;
    }

    /** The members an item is addressed to within {@code unit} (active, not exempt, today). */
    static long audienceWithin(Row unit, List<Row> minimalAudience) {
        long n = 0;
        for (Row a : minimalAudience) {
            if (unit.path().startsWith(a.path())) {
                return unit.counts()[Counts.MEMBERS] - unit.counts()[Counts.EXEMPT];
            }
            if (a.path().startsWith(unit.path())) {
                n += a.counts()[Counts.MEMBERS] - a.counts()[Counts.EXEMPT];
            }
        }
        return n;
    }

    static UnitReading reading(Row unit, long audience, long[] reads, boolean rolesLimited) {
        long self = reads == null ? 0 : reads[0];
        long behalf = reads == null ? 0 : reads[1];
        Note why = new Note("read-outside-audience", "Có người đọc đã chuyển đi hoặc không còn trong đối tượng.",
                "Some readers have moved away or left the audience since.");
        return new UnitReading(ref(unit), rolesLimited ? 0 : audience, self, behalf, Rate.of(self + behalf, rolesLimited ? 0 : audience, why),
                Rate.of(behalf, self + behalf));
    }

    static UnitRef ref(Row r) {
        return new UnitRef(r.unitId(), r.code(), r.name(), r.typeCode(), r.parentId(), r.depth(), r.cell());
    }
}
