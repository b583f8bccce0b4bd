package org.sotay.reporting.rest.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.sotay.reporting.api.ActivityReport;
import org.sotay.reporting.api.Adoption;
import org.sotay.reporting.api.AdoptionReport;
import org.sotay.reporting.api.Rate;
import org.sotay.reporting.api.UnitActivity;
import org.sotay.reporting.api.UnitAdoption;

/**
 * SVG charts of a report for the web console: plain SVG 1.1, text escaped, sizes in the document, no
 * script and no external reference, so an {@code <img>} shows it as it is.
 */
final class Charts {
    private static final int WIDTH = 760;
    private static final int ROW = 26;
    private static final int LABEL = 260;

    private Charts() {
    }

    /**
     * One bar per child: installed of the target group and installed of all members, with the 100%
     * line (a bar past it is drawn past it, never cut) and the goal line.
     */
    static String bars(AdoptionReport report, boolean english, int goalPercent) {
        List<UnitAdoption> lines = report.children().isEmpty() ? List.of(report.total()) : report.children();
        double max = 100;
        for (UnitAdoption u : lines) {
            max = Math.max(max, value(u.figures().installedOfTarget()));
        }
        double scale = (WIDTH - LABEL - 70) / Math.ceil(max / 10) / 10;
        int height = 70 + lines.size() * ROW * 2;
        StringBuilder s = head(height, english ? "Installation by unit: " + report.total().unit().name() : "Tỉ lệ cài đặt theo đơn vị: " + report.total().unit().name());
        int x0 = LABEL;
        int y = 50;
        for (UnitAdoption u : lines) {
            Adoption a = u.figures();
            s.append(text(8, y + 16, u.unit().name(), "start", 12));
            bar(s, x0, y + 2, value(a.installedOfTarget()) * scale, 10, "#2e75b6", a.installedOfTarget());
            bar(s, x0, y + 14, value(a.installedOfAll()) * scale, 10, "#9dc3e6", a.installedOfAll());
            y += ROW * 2;
        }
        line(s, x0 + 100 * scale, 40, y, "#c00000", "100%");
        if (goalPercent > 0 && goalPercent < 100) {
            line(s, x0 + goalPercent * scale, 40, y, "#548235", (english ? "goal " : "mục tiêu ") + goalPercent + "%");
        }
        s.append(text(x0, height - 8, english ? "dark: installed / target group; light: installed / all members"
                : "đậm: cài đặt / nhóm đối tượng; nhạt: cài đặt / tổng số đảng viên", "start", 11));
        return s.append("</svg>\n").toString();
    }

    /** The unit's funnel: members, the target group, installed, accounts registered. */
    static String funnel(AdoptionReport report, boolean english) {
        Adoption a = report.total().figures();
        List<String[]> steps = List.of(new String[] { english ? "Members" : "Đảng viên", Long.toString(a.members()) },
                new String[] { english ? "Target group (smartphone users)" : "Nhóm đối tượng (dùng điện thoại thông minh)", Long.toString(a.target()) },
                new String[] { english ? "Installed" : "Đã cài đặt", Long.toString(a.installed()) },
                new String[] { english ? "Accounts registered" : "Đã đăng ký tài khoản", Long.toString(a.registered()) });
        long top = Math.max(1, Math.max(a.members(), Math.max(a.installed(), a.registered())));
        return funnel(steps, top, (english ? "Adoption: " : "Sử dụng sổ tay: ") + report.total().unit().name(), english);
    }

    private static String funnel(List<String[]> steps, long top, String title, boolean english) {
        int height = 60 + steps.size() * 44;
        StringBuilder s = head(height, title);
        int y = 46;
        int span = WIDTH - 40;
        for (String[] step : steps) {
            long n = Long.parseLong(step[1]);
            double w = Math.max(2, span * (double) n / top);
            double x = 20 + (span - w) / 2;
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"32\" fill=\"#2e75b6\" fill-opacity=\"0.85\"/>%n", x, y, w));
            s.append(text(WIDTH / 2, y + 21, step[0] + ": " + String.format(Locale.ROOT, "%,d", n).replace(',', english ? ',' : '.'), "middle", 13)
                    .replace("<text ", "<text fill=\"#ffffff\" stroke=\"#1f3864\" stroke-width=\"0.3\" "));
            y += 44;
        }
        return s.append("</svg>\n").toString();
    }

    /** One bar per child: the share of its cells that used the handbook in their cell activities, with the goal line. */
    static String activityBars(ActivityReport report, boolean english) {
        List<UnitActivity> lines = report.children().isEmpty() ? List.of(report.total()) : report.children();
        double scale = (WIDTH - LABEL - 70) / 100.0;
        int height = 70 + lines.size() * ROW;
        StringBuilder s = head(height, (english ? "Cells using the handbook, " : "Chi bộ sử dụng sổ tay, tháng ") + report.period() + ": "
                + report.total().unit().name());
        int y = 50;
        for (UnitActivity u : lines) {
            s.append(text(8, y + 14, u.unit().name(), "start", 12));
            bar(s, LABEL, y + 2, value(u.used()) * scale, 14, u.goalReached() ? "#548235" : "#2e75b6", u.used());
            y += ROW;
        }
        line(s, LABEL + report.goalPercent() * scale, 40, y, "#c00000", (english ? "goal " : "mục tiêu ") + report.goalPercent() + "%");
        return s.append("</svg>\n").toString();
    }

    /** The unit's funnel of cells: all of them, then those that reached each step. */
    static String activityFunnel(ActivityReport report, boolean english) {
        UnitActivity t = report.total();
        List<String[]> steps = new java.util.ArrayList<>();
        steps.add(new String[] { english ? "Cells" : "Số chi bộ", Long.toString(t.cells()) });
        for (org.sotay.reporting.api.Step st : t.steps()) {
            steps.add(new String[] { english ? st.en() : st.vi(), Long.toString(st.cells()) });
        }
        return funnel(steps, Math.max(1, t.cells()), (english ? "Cell activity, " : "Sinh hoạt chi bộ, tháng ") + report.period() + ": " + t.unit().name(),
                english);
    }

    private static double value(Rate r) {
        BigDecimal p = r.percent();
        return p == null ? 0 : p.doubleValue();
    }

    private static StringBuilder head(int height, String title) {
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"Arial, sans-serif\">%n", WIDTH, height, WIDTH, height));
        s.append("<title>").append(escape(title)).append("</title>\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        s.append(text(8, 24, title, "start", 15));
        return s;
    }

    private static void bar(StringBuilder s, int x, int y, double w, int h, String color, Rate r) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", x, y, Math.max(0.5, w), h, color));
        String label = r.percent() == null ? "-" : r.percent().toPlainString() + "%" + (r.over100() ? " *" : "");
        s.append(text((int) (x + w + 4), y + h - 1, label, "start", 10));
    }

    private static void line(StringBuilder s, double x, int y0, int y1, String color, String label) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>%n", x, y0, x, y1, color));
        s.append(text((int) x + 3, y0 - 2, label, "start", 10).replace("<text ", "<text fill=\"" + color + "\" "));
    }

    private static String text(int x, int y, String value, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n", x, y, size, anchor, escape(value));
    }

    /** XML text: markup characters escaped, characters XML 1.0 cannot hold dropped. */
    static String escape(String v) {
        StringBuilder out = new StringBuilder(v.length());
        v.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || cp > 0xFFFF) {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
