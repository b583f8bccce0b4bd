package org.sotay.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
