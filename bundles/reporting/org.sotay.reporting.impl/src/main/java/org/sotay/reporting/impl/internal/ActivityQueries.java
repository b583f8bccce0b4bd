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
 * combination of steps, kind or item), never a scan of members or meetings; the cells needing help
 * read a page of their kept list and its kept counts.
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
     * A page of the cells of {@code unitId}'s subtree (today's tree) with their reasons for help in
     * {@code period} ({@code only}: those with that reason), by the committee above them, then by name
     * (Vietnamese order), then by id, and how many there are, from the kept rows ({@link Help}): the
     * page is a range of RPT_HELP_CELL's ordered index read until the page is full (in doubling windows,
     * each window's periods looked up by key), the total a sum over the unit's few RPT_HELP_COUNT rows; both judge a
     * cell by {@link #reasons}, so they cannot disagree. What depends
     * on the day (the registration deadline passed, minutes due {@code minutesDays} days before) is a
     * parameter of both, so the answer is always today's.
     */
    static Page<CellNeedingHelp> cellsNeedingHelp(Connection c, String unitId, YearMonth period, LocalDate today, int deadlineDay, int minutesDays,
            String only, PageRequest page) throws SQLException {
        String p = period.toString();
        LocalDate deadline = period.minusMonths(1).atDay(Math.max(1, Math.min(deadlineDay, period.minusMonths(1).lengthOfMonth())));
        boolean deadlinePassed = today.isAfter(deadline);
        int overdueBefore = (int) today.minusDays(minutesDays).toEpochDay();
        // the total: the period's rows count the cells with meetings in it; the other cells are the rest of each period-free row
        long total = 0;
        Map<List<Boolean>, Long> rest = new HashMap<>();
        for (Map.Entry<Help.Key, Long> e : Help.counts(c, unitId, List.of(Help.ALL, p)).entrySet()) {
            Help.Key k = e.getKey();
            List<Boolean> fixed = List.of(k.nobodyInstalled(), k.noInternet());
            if (k.period().equals(Help.ALL)) {
                rest.merge(fixed, e.getValue(), Long::sum);
            } else {
                rest.merge(fixed, -e.getValue(), Long::sum);
                if (matches(reasons(deadlinePassed, k.late(), k.docsLate(), k.minutesDay(), overdueBefore, k.nobodyInstalled(), k.noInternet()), only)) {
                    total += e.getValue();
                }
            }
        }
        for (Map.Entry<List<Boolean>, Long> e : rest.entrySet()) {
            if (matches(reasons(deadlinePassed, true, false, Help.NO_DAY, overdueBefore, e.getKey().get(0), e.getKey().get(1)), only)) {
                total += e.getValue();
            }
        }
        // the page: the unit's kept cells read in the list's order from RPT_HELP_CELL_ORDER (one table, so no sort), in windows that
        // double (a page's worth first: with a limit the planner reads the index in order, PostgreSQL included), each window's periods
        // looked up by key, each cell's reasons as the total counts them, until the page is full
        record Found(String id, List<Note> reasons) {
        }
        List<Found> found = new ArrayList<>();
        if (page.offset() < total) {
            boolean derby = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("derby");
            String sql = "SELECT CELL_ID, NOBODY_INSTALLED, NO_INTERNET FROM RPT_HELP_CELL" + (derby ? " --DERBY-PROPERTIES index=RPT_HELP_CELL_ORDER\n" : "")
                    + " WHERE UNIT_ID = ? ORDER BY PARENT_KEY, NAME_KEY, CELL_ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
            long skip = page.offset();
            long read = 0;
            int window = Math.max(50, page.limit());
            boolean more = true;
            while (more && found.size() < page.limit()) {
                List<Object[]> cells = new ArrayList<>(window);
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, unitId);
                    ps.setLong(2, read);
                    ps.setInt(3, window);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            cells.add(new Object[] { rs.getString(1), rs.getInt(2) == 1, rs.getInt(3) == 1 });
                        }
                    }
                }
                more = cells.size() == window;
                read += cells.size();
                window = Math.min(window * 2, 5000);
                for (int from = 0; from < cells.size() && found.size() < page.limit(); from += 500) {
                    List<Object[]> part = cells.subList(from, Math.min(cells.size(), from + 500));
                    Map<String, Help.Reasons> periods = Help.periods(c, part.stream().map(x -> (String) x[0]).toList(), p);
                    for (Object[] x : part) {
                        Help.Reasons r = periods.get((String) x[0]);
                        List<String> codes = r == null ? reasons(deadlinePassed, true, false, Help.NO_DAY, overdueBefore, (Boolean) x[1], (Boolean) x[2])
                                : reasons(deadlinePassed, r.late(), r.docsLate(), r.minutesDay(), overdueBefore, (Boolean) x[1], (Boolean) x[2]);
                        if (!matches(codes, only)) {
                            continue;
                        }
                        if (skip > 0) {
                            skip--;
                            continue;
                        }
                        found.add(new Found((String) x[0], notes(codes, p, deadline, minutesDays)));
                        if (found.size() == page.limit()) {
                            break;
                        }
                    }
                }
            }
        }
        Map<String, Row> rows = Figures.currentById(c, found.stream().map(Found::id).toList());
        Map<String, Row> parents = Figures.currentById(c, rows.values().stream().map(Row::parentId).filter(java.util.Objects::nonNull).distinct().toList());
        List<CellNeedingHelp> out = new ArrayList<>();
        for (Found f : found) {
            Row cell = rows.get(f.id());
            if (cell == null) {
                continue;
            }
            long[] v = cell.counts();
            Row parent = cell.parentId() == null ? null : parents.get(cell.parentId());
            out.add(new CellNeedingHelp(ref(cell), parent == null ? null : parent.name(), v[Counts.MEMBERS], v[Counts.INSTALLED], f.reasons()));
        }
        return new Page<>(out, total, page);
    }

    /** A cell's reasons (codes, in the report's order) from what is kept of it, on a day. */
    static List<String> reasons(boolean deadlinePassed, boolean late, boolean docsLate, int minutesDay, int overdueBefore, boolean nobodyInstalled,
            boolean noInternet) {
        List<String> out = new ArrayList<>(5);
        if (deadlinePassed && late) {
            out.add(CellNeedingHelp.NO_MEETING_REGISTERED);
        }
        if (docsLate) {
            out.add(CellNeedingHelp.DOCUMENTS_LATE);
        }
        if (minutesDay != Help.NO_DAY && minutesDay < overdueBefore) {
            out.add(CellNeedingHelp.MINUTES_MISSING);
        }
        if (nobodyInstalled) {
            out.add(CellNeedingHelp.NOBODY_INSTALLED);
        }
        if (noInternet) {
            out.add(CellNeedingHelp.NO_INTERNET);
        }
        return out;
    }

    private static boolean matches(List<String> reasons, String only) {
        return only == null ? !reasons.isEmpty() : reasons.contains(only);
    }

    private static List<Note> notes(List<String> codes, String p, LocalDate deadline, int minutesDays) {
        List<Note> out = new ArrayList<>();
        for (String code : codes) {
            out.add(switch (code) {
                case CellNeedingHelp.NO_MEETING_REGISTERED -> new Note(code, "Chưa đăng ký lịch sinh hoạt tháng " + p + " trước hạn " + deadline + ".",
                        "No meeting registered for " + p + " by the deadline (" + deadline + ").");
                case CellNeedingHelp.DOCUMENTS_LATE -> new Note(code, "Tài liệu sinh hoạt đăng muộn hoặc chưa đăng.", "Meeting documents posted late or missing.");
                case CellNeedingHelp.MINUTES_MISSING -> new Note(code, "Quá " + minutesDays + " ngày sau buổi sinh hoạt chưa có biên bản.",
                        "No minutes " + minutesDays + " days after the meeting.");
                case CellNeedingHelp.NOBODY_INSTALLED -> new Note(code, "Chưa đảng viên nào cài đặt sổ tay.", "No member has installed the handbook.");
                default -> new Note(code, "Nơi sinh hoạt chưa có internet.", "The meeting venue has no internet.");
            });
        }
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
