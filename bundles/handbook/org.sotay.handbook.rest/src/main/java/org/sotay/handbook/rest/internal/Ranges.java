package org.sotay.handbook.rest.internal;

/** One byte range of RFC 9110 ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}); several ranges are answered whole. */
final class Ranges {
    private Ranges() {
    }

    /**
     * {@code {first, last}} inclusive; an empty array when unsatisfiable (416); {@code null} to send the whole:
     * no Range, a malformed or multiple one, or an {@code If-Range} that does not name {@code tag} (the file changed).
     */
    static long[] parse(String range, String ifRange, String tag, long length) {
        if (range == null || !range.strip().startsWith("bytes=")) {
            return null;
        }
        if (ifRange != null && !ifRange.strip().equals(tag)) {
            return null;
        }
        String spec = range.strip().substring(6).strip();
        if (spec.contains(",")) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            long first;
            long last;
            if (a.isEmpty()) {
                long n = Long.parseLong(b);
                if (n <= 0) {
                    return new long[0];
                }
                first = Math.max(0, length - n);
                last = length - 1;
            } else {
                first = Long.parseLong(a);
                last = b.isEmpty() ? length - 1 : Math.min(Long.parseLong(b), length - 1);
                if (first < 0 || (!b.isEmpty() && Long.parseLong(b) < first)) {
                    return null;
                }
            }
            if (first >= length || length == 0) {
                return new long[0];
            }
            return new long[] { first, last };
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
