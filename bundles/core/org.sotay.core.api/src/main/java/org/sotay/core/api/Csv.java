package org.sotay.core.api;

/** Writing CSV that spreadsheets open safely: one rule for every export of the platform. */
public final class Csv {
    private Csv() {
    }

    /**
     * One field, RFC 4180: quoted when it holds a comma, quote or line break; a leading {@code =},
     * {@code +}, {@code -} or {@code @} is defused with an apostrophe so a spreadsheet never runs it
     * as a formula. {@code null} is the empty field.
     */
    public static String field(String s) {
        if (s == null) {
            return "";
        }
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
