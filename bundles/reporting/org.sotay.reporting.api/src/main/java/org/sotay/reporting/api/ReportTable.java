package org.sotay.reporting.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A report as a table, the same for every output (CSV, spreadsheet, console): a title, columns with
 * Vietnamese and English headers and a kind, and rows whose cells are a {@code String}, a {@code Long}
 * or a {@link BigDecimal} percentage ({@code null}: nothing to show, as a share of no one).
 */
public record ReportTable(String titleVi, String titleEn, List<Column> columns, List<List<Object>> rows) {

    /** A column: its headers and what its cells hold. */
    public record Column(String vi, String en, Kind kind) {
    }

    public enum Kind {
        TEXT, COUNT, PERCENT
    }

    /** The headers in English ({@code english}) or Vietnamese. */
    public List<String> headers(boolean english) {
        return columns.stream().map(c -> english ? c.en() : c.vi()).toList();
    }

    public String title(boolean english) {
        return english ? titleEn : titleVi;
    }

    private static Column text(String vi, String en) {
        return new Column(vi, en, Kind.TEXT);
    }

    private static Column count(String vi, String en) {
        return new Column(vi, en, Kind.COUNT);
    }

    private static Column percent(String vi, String en) {
        return new Column(vi, en, Kind.PERCENT);
    }

    private static String tree(String how, boolean english) {
        return AdoptionReport.TODAY.equals(how) ? (english ? " (on today's tree)" : " (theo cơ cấu tổ chức hiện nay)") : "";
    }

    /** Installation and registration: the unit, then each child. */
    public static ReportTable adoption(AdoptionReport r) {
        List<Column> cols = List.of(text("Mã đơn vị", "Unit code"), text("Đơn vị", "Unit"), count("Số chi bộ", "Cells"), count("Đảng viên", "Members"),
                count("Miễn sinh hoạt", "Exempt"), count("Không dùng điện thoại thông minh", "Without a smartphone"),
                count("Nhóm đối tượng (dùng điện thoại thông minh)", "Target group (smartphone users)"), count("Đã cài đặt", "Installed"),
                percent("Cài đặt / tổng số (%)", "Installed / all (%)"), percent("Cài đặt / nhóm đối tượng (%)", "Installed / target (%)"),
                count("Cài đặt ngoài nhóm đối tượng", "Installed outside the target group"), count("Đã đăng ký tài khoản", "Accounts registered"),
                percent("Đăng ký / tổng số (%)", "Registered / all (%)"), percent("Đăng ký / nhóm đối tượng (%)", "Registered / target (%)"));
        List<List<Object>> rows = new ArrayList<>();
        List<UnitAdoption> lines = new ArrayList<>();
        lines.add(r.total());
        lines.addAll(r.children());
        for (UnitAdoption u : lines) {
            Adoption a = u.figures();
            rows.add(List.of(u.unit().code(), u.unit().name(), (long) u.cells(), a.members(), a.exempt(), a.withoutSmartphone(), a.target(), a.installed(),
                    pct(a.installedOfAll()), pct(a.installedOfTarget()), a.installedOutsideTarget(), a.registered(), pct(a.registeredOfAll()),
                    pct(a.registeredOfTarget())));
        }
        return new ReportTable("Cài đặt và đăng ký tài khoản: " + r.total().unit().name() + ", ngày " + r.at() + tree(r.tree(), false),
                "Installation and account registration: " + r.total().unit().name() + ", on " + r.at() + tree(r.tree(), true), cols, rows);
    }

    /** Cell activity: the unit, then each child; each step's cells and share, and the share that used the handbook. */
    public static ReportTable activity(ActivityReport r) {
        List<Column> cols = new ArrayList<>(List.of(text("Mã đơn vị", "Unit code"), text("Đơn vị", "Unit"), count("Số chi bộ", "Cells")));
        for (Step s : r.total().steps()) {
            cols.add(count(s.vi(), s.en()));
            cols.add(percent(s.vi() + " (%)", s.en() + " (%)"));
        }
        cols.add(count("Sử dụng sổ tay trong sinh hoạt chi bộ", "Used the handbook in cell activities"));
        cols.add(percent("Sử dụng sổ tay (%) — mục tiêu " + r.goalPercent() + "%", "Used the handbook (%): goal " + r.goalPercent() + "%"));
        List<List<Object>> rows = new ArrayList<>();
        List<UnitActivity> lines = new ArrayList<>();
        lines.add(r.total());
        lines.addAll(r.children());
        for (UnitActivity u : lines) {
            List<Object> row = new ArrayList<>(List.of(u.unit().code(), u.unit().name(), u.cells()));
            for (Step s : u.steps()) {
                row.add(s.cells());
                row.add(pct(s.share()));
            }
            row.add(u.used().numerator());
            row.add(pct(u.used()));
            rows.add(row);
        }
        return new ReportTable("Chi bộ sử dụng sổ tay trong sinh hoạt: " + r.total().unit().name() + ", tháng " + r.period() + tree(r.tree(), false),
                "Cells using the handbook in their activities: " + r.total().unit().name() + ", " + r.period() + tree(r.tree(), true), cols, rows);
    }

    /** Attendance of the meetings held: the unit, then each child (all kinds of meeting). */
    public static ReportTable attendance(AttendanceReport r) {
        List<Column> cols = List.of(text("Mã đơn vị", "Unit code"), text("Đơn vị", "Unit"), count("Buổi sinh hoạt", "Meetings held"),
                count("Đảng viên theo danh sách", "Members on the rolls"), count("Miễn sinh hoạt", "Exempt"), count("Đi công tác", "Away"),
                count("Có mặt: chính thức", "Present: official"), count("Có mặt: dự bị", "Present: probationary"),
                count("Có mặt: sinh hoạt tạm thời", "Present: temporarily attached"), count("Vắng có lý do", "Absent with a reason"),
                count("Vắng không lý do", "Absent without a reason"), percent("Có mặt (%)", "Present (%)"),
                percent("Bí thư điểm danh hộ (%)", "Marked by the secretary (%)"));
        List<List<Object>> rows = new ArrayList<>();
        List<UnitAttendance> lines = new ArrayList<>();
        lines.add(r.total());
        lines.addAll(r.children());
        for (UnitAttendance u : lines) {
            AttendanceFigures a = u.total();
            rows.add(List.of(u.unit().code(), u.unit().name(), a.meetings(), a.onRoll(), a.exempt(), a.away(), a.presentOfficial(), a.presentProbationary(),
                    a.presentAttached(), a.absentExcused(), a.absentUnexcused(), pct(a.present()), pct(a.markedBySecretaryShare())));
        }
        return new ReportTable("Điểm danh sinh hoạt: " + r.total().unit().name() + ", tháng " + r.period(),
                "Meeting attendance: " + r.total().unit().name() + ", " + r.period(), cols, rows);
    }

    /** The reading of a mandatory item: the unit, then each child. */
    public static ReportTable reading(ReadingReport r) {
        List<Column> cols = List.of(text("Mã đơn vị", "Unit code"), text("Đơn vị", "Unit"), count("Đảng viên thuộc đối tượng", "Members addressed"),
                count("Tự đọc", "Read by themselves"), count("Đọc hộ", "Read on their behalf"), percent("Đã đọc (%)", "Read (%)"),
                percent("Trong đó đọc hộ (%)", "Of which on behalf (%)"));
        List<List<Object>> rows = new ArrayList<>();
        List<UnitReading> lines = new ArrayList<>();
        lines.add(r.total());
        lines.addAll(r.children());
        for (UnitReading u : lines) {
            rows.add(List.of(u.unit().code(), u.unit().name(), u.audience(), u.selfReads(), u.onBehalfReads(), pct(u.read()), pct(u.onBehalf())));
        }
        return new ReportTable("Tài liệu bắt buộc đọc: " + r.title(), "Mandatory reading: " + r.title(), cols, rows);
    }

    /** The cells needing help, each with its reasons. */
    public static ReportTable cellsNeedingHelp(String unitName, String period, List<CellNeedingHelp> cells) {
        List<Column> cols = List.of(text("Mã chi bộ", "Cell code"), text("Chi bộ", "Cell"), text("Trực thuộc", "Under"), count("Đảng viên", "Members"),
                count("Đã cài đặt", "Installed"), text("Lý do cần hỗ trợ", "Why it needs help"), text("Reasons", "Reasons"));
        List<List<Object>> rows = new ArrayList<>();
        for (CellNeedingHelp c : cells) {
            rows.add(List.of(c.cell().code(), c.cell().name(), c.parentName() == null ? "" : c.parentName(), c.members(), c.installed(),
                    String.join(" ", c.reasons().stream().map(Note::vi).toList()), String.join(" ", c.reasons().stream().map(Note::en).toList())));
        }
        return new ReportTable("Chi bộ cần hỗ trợ: " + unitName + ", tháng " + period, "Cells needing help: " + unitName + ", " + period, cols, rows);
    }

    private static Object pct(Rate r) {
        return r.percent() == null ? "" : r.percent();
    }
}
