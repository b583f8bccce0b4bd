package org.sotay.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void quotesWhatNeedsItAndDefusesFormulas() {
        assertEquals("", Csv.field(null));
        assertEquals("Nguyễn Văn A", Csv.field("Nguyễn Văn A"));
        assertEquals("\"a, b\"", Csv.field("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Csv.field("=HYPERLINK(\"x\")"));
        assertEquals("'+84912345678", Csv.field("+84912345678"));
        assertEquals("'@cmd", Csv.field("@cmd"));
    }

    @Test
    void readsQuotedFieldsAndLineEnds() throws Exception {
        CsvReader r = new CsvReader(new StringReader("\uFEFFa,\"b, c\",\"say \"\"hi\"\"\"\r\n\"x\ny\",,z\n"));
        assertEquals(List.of("a", "b, c", "say \"hi\""), r.next());
        assertEquals(List.of("x\ny", "", "z"), r.next());
        assertEquals(null, r.next());
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter w = new CsvWriter(out)) {
            w.row("Số thẻ", "Họ và tên").row("08000001", "Ma Thế Hồng, \"Hồng\"").row(null, "line\nbreak");
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFFSố thẻ,Họ và tên\r\n"), text);
        CsvReader r = new CsvReader(new StringReader(text));
        assertEquals(List.of("Số thẻ", "Họ và tên"), r.next());
        assertEquals(List.of("08000001", "Ma Thế Hồng, \"Hồng\""), r.next());
        assertEquals(List.of("", "line\nbreak"), r.next());
    }

    @Test
    void aHostileFileCannotFillTheMemory() {
        String longField = "x".repeat(CsvReader.MAX_FIELD + 1) + "\n";
        CsvReader.MalformedCsvException e = assertThrows(CsvReader.MalformedCsvException.class, () -> new CsvReader(new StringReader(longField)).next());
        assertTrue(e.text().vi().contains("10000"), e.text().vi());
        String wide = ",".repeat(CsvReader.MAX_FIELDS + 1) + "\n";
        assertThrows(CsvReader.MalformedCsvException.class, () -> new CsvReader(new StringReader(wide)).next());
        assertThrows(CsvReader.MalformedCsvException.class, () -> new CsvReader(new StringReader("\"never closed")).next());
    }
}
