package org.sotay.core.api;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records: commas, quoted fields with doubled quotes and line breaks, CRLF or LF; a
 * leading byte-order mark is skipped. Bounded: a field longer than {@link #MAX_FIELD} characters or a
 * record of more than {@link #MAX_FIELDS} fields is an error, so a hostile file cannot fill the memory.
 */
public final class CsvReader {
    public static final int MAX_FIELD = 10_000;
    public static final int MAX_FIELDS = 200;

    /** The file is not CSV as this reader takes it; the message is for a person (English), {@link #text()} bilingual. */
    public static final class MalformedCsvException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Text text;

        MalformedCsvException(Text text) {
            super(text.en());
            this.text = text;
        }

        public Text text() {
            return text;
        }
    }

    private final Reader in;
    private int peeked = -2;
    private boolean first = true;
    private int record;

    public CsvReader(Reader in) {
        this.in = in;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        int c = in.read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = in.read();
            }
        }
        return c;
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = read();
        }
        return peeked;
    }

    /** The next record, or {@code null} at the end. */
    public List<String> next() throws IOException {
        if (peek() == -1) {
            return null;
        }
        record++;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == -1) {
                    throw new MalformedCsvException(Text.of("Một trường trong ngoặc kép không được đóng (bản ghi " + record + ").",
                            "A quoted field is not closed (record " + record + ")."));
                }
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        append(field, '"');
                    } else {
                        quoted = false;
                    }
                } else {
                    append(field, (char) c);
                }
                continue;
            }
            if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                add(fields, field);
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                add(fields, field);
                return fields;
            } else {
                append(field, (char) c);
            }
        }
    }

    private void append(StringBuilder field, char c) throws MalformedCsvException {
        if (field.length() >= MAX_FIELD) {
            throw new MalformedCsvException(Text.of("Một trường dài quá " + MAX_FIELD + " ký tự (bản ghi " + record + ").",
                    "A field is longer than " + MAX_FIELD + " characters (record " + record + ")."));
        }
        field.append(c);
    }

    private void add(List<String> fields, StringBuilder field) throws MalformedCsvException {
        if (fields.size() >= MAX_FIELDS) {
            throw new MalformedCsvException(Text.of("Một bản ghi có quá " + MAX_FIELDS + " cột (bản ghi " + record + ").",
                    "A record has more than " + MAX_FIELDS + " fields (record " + record + ")."));
        }
        fields.add(field.toString());
        field.setLength(0);
    }
}
