package org.sotay.reporting.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.sotay.core.api.CsvWriter;
import org.sotay.reporting.api.ReportTable;

/** A report's table as CSV (the platform's CSV: BOM, CRLF, formulas defused) and as a spreadsheet. */
final class Exports {
    private Exports() {
    }

    static void csv(ReportTable table, boolean english, OutputStream out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(table.headers(english));
        for (List<Object> row : table.rows()) {
            csv.row(row.stream().map(v -> v == null ? "" : v instanceof BigDecimal b ? b.toPlainString() : v.toString()).toList());
        }
        csv.flush();
    }

    /**
     * An XLSX workbook: the title line, the header row frozen under it, whole numbers with thousands
     * separators, shares as percentages with one decimal (the cell holds the fraction, so a spreadsheet
     * computes with it).
     */
    static void xlsx(ReportTable table, boolean english, String sheet, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "Sotay", "1.0");
        Worksheet ws = wb.newWorksheet(sheet);
        ws.value(0, 0, table.title(english));
        ws.style(0, 0).bold().set();
        List<String> headers = table.headers(english);
        for (int c = 0; c < headers.size(); c++) {
            ws.value(1, c, headers.get(c));
            ws.style(1, c).bold().wrapText(true).fillColor("DDEBF7").set();
            ws.width(c, table.columns().get(c).kind() == ReportTable.Kind.TEXT && c > 0 ? 42 : 16);
        }
        ws.freezePane(0, 2);
        int r = 2;
        for (List<Object> row : table.rows()) {
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (v instanceof BigDecimal b) {
                    ws.value(r, c, b.movePointLeft(2));
                    ws.style(r, c).format("0.0%").set();
                } else if (v instanceof Long n) {
                    ws.value(r, c, n);
                    ws.style(r, c).format("#,##0").set();
                } else if (v != null && !v.toString().isEmpty()) {
                    ws.value(r, c, v.toString());
                }
            }
            r++;
        }
        wb.finish();
    }
}
