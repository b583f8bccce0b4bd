package org.sotay.core.api;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Streams CSV as every export of the platform writes it: UTF-8 with a byte-order mark (so
 * spreadsheet programs read the diacritics), CRLF line ends, RFC 4180 quoting, formulas defused
 * ({@link Csv#field}). Nothing is held in memory but the writer's buffer.
 */
public final class CsvWriter implements Closeable, Flushable {
    private final Writer out;

    /** A writer on {@code out}; the byte-order mark is written at once. */
    public CsvWriter(OutputStream out) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        this.out.write('\uFEFF');
    }

    /** One record; {@code null} fields are empty. */
    public CsvWriter row(String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(Csv.field(fields[i]));
        }
        out.write("\r\n");
        return this;
    }

    public CsvWriter row(List<String> fields) throws IOException {
        return row(fields.toArray(new String[0]));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes; the stream underneath is closed too. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
