package org.sotay.reporting.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An adoption report as a table, the same for every output (CSV, spreadsheet, console): one line for
 * the unit, then one per child. Each cell is a {@code String}, a {@code Long} or, for shares, a
 * {@link BigDecimal} percentage ({@code null} when there is no denominator).
 */
public final class AdoptionTable {
    /** Column headers in Vietnamese and English, in order. */
    public static final List<String[]> COLUMNS = List.of(
            new String[] { "Mã đơn vị", "Unit code" },
            new String[] { "Đơn vị", "Unit" },
            new String[] { "Số chi bộ", "Cells" },
            new String[] { "Đảng viên", "Members" },
            new String[] { "Miễn sinh hoạt", "Exempt" },
            new String[] { "Không dùng điện thoại thông minh", "Without a smartphone" },
            new String[] { "Nhóm đối tượng (dùng điện thoại thông minh)", "Target group (smartphone users)" },
            new String[] { "Đã cài đặt", "Installed" },
            new String[] { "Cài đặt / tổng số (%)", "Installed / all (%)" },
            new String[] { "Cài đặt / nhóm đối tượng (%)", "Installed / target (%)" },
            new String[] { "Cài đặt ngoài nhóm đối tượng", "Installed outside the target group" },
            new String[] { "Đã đăng ký tài khoản", "Accounts registered" },
            new String[] { "Đăng ký / tổng số (%)", "Registered / all (%)" },
            new String[] { "Đăng ký / nhóm đối tượng (%)", "Registered / target (%)" });

    /** The indexes of the columns that hold percentages. */
    public static final List<Integer> PERCENT_COLUMNS = List.of(8, 9, 12, 13);

    private AdoptionTable() {
    }

    /** The headers in English ({@code english}) or Vietnamese. */
    public static List<String> headers(boolean english) {
        return COLUMNS.stream().map(c -> english ? c[1] : c[0]).toList();
    }

    /** The unit's line first, then its children's. */
    public static List<List<Object>> rows(AdoptionReport report) {
        List<List<Object>> out = new ArrayList<>();
        out.add(row(report.total()));
        report.children().forEach(c -> out.add(row(c)));
        return out;
    }

    private static List<Object> row(UnitAdoption u) {
        Adoption a = u.figures();
        List<Object> r = new ArrayList<>();
        r.add(u.unit().code());
        r.add(u.unit().name());
        r.add((long) u.cells());
        r.add(a.members());
        r.add(a.exempt());
        r.add(a.withoutSmartphone());
        r.add(a.target());
        r.add(a.installed());
        r.add(a.installedOfAll().percent());
        r.add(a.installedOfTarget().percent());
        r.add(a.installedOutsideTarget());
        r.add(a.registered());
        r.add(a.registeredOfAll().percent());
        r.add(a.registeredOfTarget().percent());
        return r;
    }
}
