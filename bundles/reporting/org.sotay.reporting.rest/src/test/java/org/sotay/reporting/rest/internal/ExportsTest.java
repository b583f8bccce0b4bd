package org.sotay.reporting.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;

import javax.xml.parsers.DocumentBuilderFactory;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.sotay.reporting.api.Adoption;
import org.sotay.reporting.api.AdoptionReport;
import org.sotay.reporting.api.ReportTable;
import org.sotay.reporting.api.UnitAdoption;
import org.sotay.reporting.api.UnitRef;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ExportsTest {
    /** The seed's province and two children, one with a name that tries to be markup. */
    private static AdoptionReport report() {
        UnitAdoption root = new UnitAdoption(new UnitRef("r", "TQ", "Đảng bộ tỉnh Tuyên Quang", "PROVINCE", null, 0, false), 1668,
                Adoption.of(57_597, 4_000, 46_728, 48_597, 43_494, 47_100, 42_000), List.of());
        UnitAdoption a = new UnitAdoption(new UnitRef("a", "TQ.01", "Đảng bộ huyện Chiêm Hóa", "DISTRICT", "r", 1, false), 900,
                Adoption.of(30_000, 2_000, 24_000, 25_000, 22_000, 24_000, 21_000), List.of());
        UnitAdoption b = new UnitAdoption(new UnitRef("b", "TQ.02", "<script>alert(1)</script> & \"Na Hang\"", "DISTRICT", "r", 1, false), 768,
                Adoption.of(27_597, 2_000, 22_728, 23_597, 21_494, 23_100, 21_000), List.of());
        return new AdoptionReport(root, LocalDate.of(2024, 5, 25), AdoptionReport.AS_IT_WAS, List.of(a, b), null);
    }

    @Test
    void theSpreadsheetOpensWithVietnameseHeadersNumbersAndPercentagesAndAFrozenHeader() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exports.xlsx(ReportTable.adoption(report()), false, "Cài đặt", out);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()), new ReadingOptions(true, false))) {
            Sheet sheet = wb.getFirstSheet();
            assertEquals("Cài đặt", sheet.getName());
            List<Row> rows = sheet.read();
            assertTrue(rows.get(0).getCellText(0).contains("Đảng bộ tỉnh Tuyên Quang"));
            assertEquals("Đảng viên", rows.get(1).getCellText(3));
            assertEquals("Cài đặt / nhóm đối tượng (%)", rows.get(1).getCellText(9));
            Row province = rows.get(2);
            assertEquals("TQ", province.getCellText(0));
            assertEquals(new BigDecimal("57597"), province.getCellAsNumber(3).orElseThrow());
            assertEquals(0, new BigDecimal("1.040").compareTo(province.getCellAsNumber(9).orElseThrow()), "104.0% is stored as the fraction 1.040");
            assertEquals("0.0%", province.getCell(9).getDataFormatString());
            assertEquals("#,##0", province.getCell(3).getDataFormatString());
            assertEquals(5, rows.size(), "title, header, the unit, two children");
        }
        String sheetXml = entry(out.toByteArray(), "xl/worksheets/sheet1.xml");
        assertTrue(sheetXml.contains("state=\"frozen\""), "the header rows stay in view: " + sheetXml.substring(0, Math.min(600, sheetXml.length())));
        ByteArrayOutputStream en = new ByteArrayOutputStream();
        Exports.xlsx(ReportTable.adoption(report()), true, "Adoption", en);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(en.toByteArray()))) {
            assertEquals("Members", wb.getFirstSheet().read().get(1).getCellText(3));
            assertEquals("Adoption", wb.getFirstSheet().getName());
        }
    }

    @Test
    void theCsvHasABomVietnameseHeadersAndDefusedText() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exports.csv(ReportTable.adoption(report()), false, out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFMã đơn vị,Đơn vị,"));
        assertTrue(csv.contains("TQ,Đảng bộ tỉnh Tuyên Quang,1668,57597,"));
        assertTrue(csv.contains(",84.4,104.0,"), csv);
        assertTrue(csv.contains("\"<script>alert(1)</script> & \"\"Na Hang\"\"\""), csv);
    }

    @Test
    void chartsAreWellFormedSvgWithTheNamesAsTextOnly() throws Exception {
        for (String svg : List.of(Charts.bars(report(), false, 80), Charts.funnel(report(), true))) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", doc.getDocumentElement().getLocalName());
            NodeList scripts = doc.getElementsByTagNameNS("*", "script");
            assertEquals(0, scripts.getLength(), "a unit's name is text, never markup");
        }
        String bars = Charts.bars(report(), false, 80);
        assertTrue(bars.contains("&lt;script&gt;"));
        assertTrue(bars.contains("104.2% *"), "past 100% is drawn and marked, not cut");
        assertTrue(bars.contains("mục tiêu 80%"));
        assertFalse(Charts.funnel(report(), false).contains("NaN"));
    }

    /** One part of the package, read with the JDK's zip reader (the central directory, as spreadsheet programs read it). */
    private static String entry(byte[] zip, String name) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("report", ".xlsx");
        try {
            java.nio.file.Files.write(file, zip);
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
                ZipEntry e = z.getEntry(name);
                if (e == null) {
                    throw new AssertionError("no " + name);
                }
                return new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}
