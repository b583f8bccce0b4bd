package org.sotay.reporting.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sotay.core.api.VietnameseText;
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
     * The cells of the subtree at {@code path} (today's tree) with their reasons for help in
     * {@code period}, by the committee above them and then by name.
     */
    static List<CellNeedingHelp> cellsNeedingHelp(Connection c, String path, YearMonth period, LocalDate today, long now, int deadlineDay, int minutesDays,
            String only) throws SQLException {
        Map<String, Row> cells = new LinkedHashMap<>();
        Map<String, String> parents = new HashMap<>();
        Scope subtree = Scope.ofPaths(List.of(path));
        try (PreparedStatement ps = c.prepareStatement("SELECT UNIT_ID FROM RPT_UNIT WHERE TO_DAY IS NULL AND IS_CELL = 1 AND " + subtree.sql("PATH"))) {
            int i = 1;
            for (String p : subtree.sqlParameters()) {
                ps.setString(i++, p);
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            cells.putAll(Figures.current(c, ids));
        }
        List<String> parentIds = cells.values().stream().map(Row::parentId).filter(java.util.Objects::nonNull).distinct().toList();
        Figures.current(c, parentIds).values().forEach(r -> parents.put(r.unitId(), r.name()));
        Map<String, Integer> steps = new HashMap<>();
        Map<String, boolean[]> meetingIssues = new HashMap<>();
        String p = period.toString();
        try (PreparedStatement ps = c.prepareStatement("SELECT CELL_ID, STEPS FROM RPT_CELL_ACTIVITY WHERE PERIOD = ? AND CELL_ID IN (SELECT UNIT_ID FROM RPT_UNIT"
                + " WHERE TO_DAY IS NULL AND IS_CELL = 1 AND " + subtree.sql("PATH") + ")")) {
            ps.setString(1, p);
            int i = 2;
            for (String s : subtree.sqlParameters()) {
                ps.setString(i++, s);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        long late = now - minutesDays * 86_400_000L;
        try (PreparedStatement ps = c.prepareStatement("SELECT UNIT_ID, START_MS, STEPS, DOCS_LATE FROM RPT_MEETING WHERE PERIOD = ? AND UNIT_ID IN (SELECT UNIT_ID FROM RPT_UNIT"
                + " WHERE TO_DAY IS NULL AND IS_CELL = 1 AND " + subtree.sql("PATH") + ")")) {
            ps.setString(1, p);
            int i = 2;
            for (String s : subtree.sqlParameters()) {
                ps.setString(i++, s);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean[] issues = meetingIssues.computeIfAbsent(rs.getString(1), k -> new boolean[2]);
                    int st = rs.getInt(3);
                    issues[0] |= st != 0 && rs.getInt(4) > 0;
                    issues[1] |= st != 0 && rs.getLong(2) < late && (st & Meetings.MINUTES) == 0;
                }
            }
        }
        LocalDate deadline = period.minusMonths(1).atDay(Math.max(1, Math.min(deadlineDay, period.minusMonths(1).lengthOfMonth())));
        List<CellNeedingHelp> out = new ArrayList<>();
        for (Row cell : cells.values()) {
            List<Note> reasons = new ArrayList<>();
            int st = steps.getOrDefault(cell.unitId(), 0);
            if (today.isAfter(deadline) && (st & Meetings.ON_TIME) == 0) {
                reasons.add(new Note(CellNeedingHelp.NO_MEETING_REGISTERED, "Chưa đăng ký lịch sinh hoạt tháng " + p + " trước hạn " + deadline + ".",
                        "No meeting registered for " + p + " by the deadline (" + deadline + ")."));
            }
            boolean[] issues = meetingIssues.getOrDefault(cell.unitId(), new boolean[2]);
            if (issues[0]) {
                reasons.add(new Note(CellNeedingHelp.DOCUMENTS_LATE, "Tài liệu sinh hoạt đăng muộn hoặc chưa đăng.", "Meeting documents posted late or missing."));
            }
            if (issues[1]) {
                reasons.add(new Note(CellNeedingHelp.MINUTES_MISSING, "Quá " + minutesDays + " ngày sau buổi sinh hoạt chưa có biên bản.",
                        "No minutes " + minutesDays + " days after the meeting."));
            }
            long[] v = cell.counts();
            if (v[Counts.MEMBERS] > 0 && v[Counts.INSTALLED] == 0) {
                reasons.add(new Note(CellNeedingHelp.NOBODY_INSTALLED, "Chưa đảng viên nào cài đặt sổ tay.", "No member has installed the handbook."));
            }
            if (v[Counts.OFFLINE_CELLS] > 0) {
                reasons.add(new Note(CellNeedingHelp.NO_INTERNET, "Nơi sinh hoạt chưa có internet.", "The meeting venue has no internet."));
            }
            if (reasons.isEmpty() || (only != null && reasons.stream().noneMatch(r -> r.code().equals(only)))) {
                continue;
            }
            out.add(new CellNeedingHelp(ref(cell), parents.get(cell.parentId()), v[Counts.MEMBERS], v[Counts.INSTALLED], reasons));
        }
        out.sort(Comparator.comparing((CellNeedingHelp h) -> VietnameseText.sortKey(h.parentName() == null ? "" : h.parentName()))
                .thenComparing(h -> VietnameseText.sortKey(h.cell().name())).thenComparing(h -> h.cell().id()));
        return out;
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
