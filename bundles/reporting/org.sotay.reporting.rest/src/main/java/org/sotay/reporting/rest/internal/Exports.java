package org.sotay.reporting.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.sotay.core.api.CsvWriter;
import org.sotay.reporting.api.AdoptionReport;
import org.sotay.reporting.api.AdoptionTable;

/** A report as CSV (the platform's CSV: BOM, CRLF, formulas defused) and as a spreadsheet. */
final class Exports {
    private Exports() {
    }

    static void csv(AdoptionReport report, boolean english, OutputStream out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(AdoptionTable.headers(english));
        for (List<Object> row : AdoptionTable.rows(report)) {
            csv.row(row.stream().map(v -> v == null ? "" : v instanceof BigDecimal b ? b.toPlainString() : v.toString()).toList());
        }
        csv.flush();
    }

    /**
     * An XLSX workbook: a title line, the header row frozen under it, whole numbers with thousands
     * separators, shares as percentages with one decimal (the cell holds the fraction, so a
     * spreadsheet computes with it).
     */
    static void xlsx(AdoptionReport report, boolean english, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "Sotay", "1.0");
        Worksheet ws = wb.newWorksheet(english ? "Adoption" : "Cài đặt");
        String title = (english ? "Installation and account registration: " : "Cài đặt và đăng ký tài khoản: ") + report.total().unit().name()
                + (english ? ", on " : ", ngày ") + report.at() + (AdoptionReport.TODAY.equals(report.tree())
                        ? (english ? " (on today's tree)" : " (theo cơ cấu tổ chức hiện nay)") : "");
        ws.value(0, 0, title);
        ws.style(0, 0).bold().set();
        List<String> headers = AdoptionTable.headers(english);
        for (int c = 0; c < headers.size(); c++) {
            ws.value(1, c, headers.get(c));
            ws.style(1, c).bold().wrapText(true).fillColor("DDEBF7").set();
            ws.width(c, c == 1 ? 42 : 16);
        }
        ws.freezePane(0, 2);
        int r = 2;
        for (List<Object> row : AdoptionTable.rows(report)) {
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (v instanceof BigDecimal b) {
                    ws.value(r, c, b.movePointLeft(2));
                    ws.style(r, c).format("0.0%").set();
                } else if (v instanceof Long n) {
                    ws.value(r, c, n);
                    ws.style(r, c).format("#,##0").set();
                } else if (v != null) {
                    ws.value(r, c, v.toString());
                }
            }
            if (r == 2) {
                ws.style(r, 0).bold().set();
                ws.style(r, 1).bold().set();
            }
            r++;
        }
        wb.finish();
    }
}
