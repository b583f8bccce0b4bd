package org.sotay.reporting.impl.commands;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.ConsoleCaller;
import org.sotay.core.api.security.OrgTree;
import org.sotay.reporting.api.AdoptionReport;
import org.sotay.reporting.api.ReportTable;
import org.sotay.reporting.api.ReportingPermissions;
import org.sotay.reporting.api.ReportingService;

/** {@code sotay:report-adoption [-a date] [--today-tree] [--en] [unit-id]}: a unit's installation and registration, with its children, as a table. */
@Service
@Command(scope = "sotay", name = "report-adoption", description = "Báo cáo cài đặt và đăng ký / Installation and registration report")
public class ReportAdoptionCommand implements Action {
    @Reference
    ReportingService reports;
    @Reference
    CallerContext callers;
    @Reference
    OrgTree tree;

    @Argument(index = 0, name = "unit", description = "Unit id (default: the root)", required = false)
    String unitId;

    @Option(name = "-a", aliases = "--at", description = "The figures of this day (YYYY-MM-DD; default today)")
    String at;

    @Option(name = "-t", aliases = "--today-tree", description = "A past day restated on today's tree")
    boolean todayTree;

    @Option(name = "--en", description = "English headers")
    boolean english;

    @Override
    public Object execute() throws Exception {
        List<String> roots = tree.roots();
        if (roots.isEmpty()) {
            System.out.println("Chưa có đơn vị nào / The registry has no units yet.");
            return null;
        }
        LocalDate day;
        try {
            day = at == null ? null : LocalDate.parse(at);
        } catch (DateTimeParseException e) {
            System.err.println("Ngày không hợp lệ / Not a date (YYYY-MM-DD): " + at);
            return null;
        }
        String unit = unitId == null ? roots.get(0) : unitId;
        try {
            AdoptionReport r = callers.runAs(ConsoleCaller.of("report-adoption", roots, ReportingPermissions.READ),
                    () -> reports.adoption(unit, day, todayTree));
            print(r);
        } catch (SotayException e) {
            System.err.println(e.detail().in(english ? java.util.Locale.ENGLISH : null));
        }
        return null;
    }

    private void print(AdoptionReport r) {
        System.out.println(r.total().unit().name() + " — " + r.at() + (AdoptionReport.TODAY.equals(r.tree()) ? " (cơ cấu hiện nay / today's tree)" : ""));
        ReportTable table = ReportTable.adoption(r);
        List<String> headers = table.headers(english);
        int[] shown = { 0, 1, 2, 3, 6, 7, 8, 9, 11 };
        List<String[]> lines = new ArrayList<>();
        String[] head = new String[shown.length];
        for (int i = 0; i < shown.length; i++) {
            head[i] = headers.get(shown[i]);
        }
        lines.add(head);
        for (List<Object> row : table.rows()) {
            String[] line = new String[shown.length];
            for (int i = 0; i < shown.length; i++) {
                Object v = row.get(shown[i]);
                line[i] = v == null || "".equals(v) ? "-" : v instanceof BigDecimal b ? b.toPlainString() + "%" : v instanceof Long n ? String.format("%,d", n) : v.toString();
            }
            lines.add(line);
        }
        int[] width = new int[shown.length];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.min(i == 1 ? 40 : 24, Math.max(width[i], l[i].length()));
            }
        }
        for (String[] l : lines) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                String cell = l[i].length() > width[i] ? l[i].substring(0, width[i] - 1) + "…" : l[i];
                s.append(i < 2 ? pad(cell, width[i]) : " ".repeat(width[i] - cell.length()) + cell).append("  ");
            }
            System.out.println(s.toString().stripTrailing());
        }
        if (r.total().figures().installedOfTarget().over100()) {
            System.out.println("* " + (english ? r.total().figures().installedOfTarget().reason().en() : r.total().figures().installedOfTarget().reason().vi()));
        }
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }
}
