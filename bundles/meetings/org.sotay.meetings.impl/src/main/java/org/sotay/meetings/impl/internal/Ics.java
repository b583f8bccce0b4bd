package org.sotay.meetings.impl.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes iCalendar (RFC 5545) by hand: CRLF line ends, lines folded at 75 octets without splitting a
 * UTF-8 character, TEXT values escaped. Times are UTC ({@code ...Z}), which every calendar shows in its
 * own zone.
 */
final class Ics {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final StringBuilder out = new StringBuilder(4096);

    Ics line(String name, String value) {
        String l = name + ":" + value;
        byte[] bytes = l.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            out.append(l).append("\r\n");
            return this;
        }
        int count = 0;
        int limit = 75;
        for (int i = 0; i < l.length();) {
            int cp = l.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (count + len > limit) {
                out.append("\r\n ");
                count = 0;
                limit = 74; // the leading space counts
            }
            out.appendCodePoint(cp);
            count += len;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
        return this;
    }

    Ics text(String name, String value) {
        return value == null ? this : line(name, escape(value));
    }

    Ics time(String name, long ms) {
        return line(name, UTC.format(Instant.ofEpochMilli(ms)));
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
            case '\\' -> sb.append("\\\\");
            case ';' -> sb.append("\\;");
            case ',' -> sb.append("\\,");
            case '\n' -> sb.append("\\n");
            case '\r' -> {
                // dropped: \r\n is one line break
            }
            default -> {
                if (ch >= 0x20 || ch == '\t') {
                    sb.append(ch);
                }
            }
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
