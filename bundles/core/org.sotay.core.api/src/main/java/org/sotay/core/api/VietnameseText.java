package org.sotay.core.api;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Vietnamese names as people search and sort them.
 *
 * <ul>
 * <li>{@link #fold(String)}: the search form, lower case without diacritics, "đ" as "d":
 * "Ma Thế Hồng" and "ma the hong" fold to the same string.</li>
 * <li>{@link #sortKey(String)}: a key whose plain byte order is the Vietnamese alphabetical
 * order (a ă â b c d đ e ê ... o ô ơ ... u ư ...; then tones: none, huyền, hỏi, ngã, sắc,
 * nặng), made of [0-9A-Z] only so any database collation orders it the same.</li>
 * <li>{@link #nameSortKey(String)}: the order of Vietnamese name lists: by given name (the last
 * word), then by family and middle names.</li>
 * </ul>
 */
public final class VietnameseText {
    /** Base letters in Vietnamese alphabetical order (with f, j, w, z for other names). */
    private static final String ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

    private VietnameseText() {
    }

    /** Lower case, no diacritics, "đ" to "d", white space collapsed; {@code null} stays {@code null}. */
    public static String fold(String s) {
        if (s == null) {
            return null;
        }
        String d = Normalizer.normalize(s.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(d.length());
        boolean space = false;
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            out.append(c == 'đ' ? 'd' : c);
        }
        return out.toString();
    }

    /** A key that sorts {@code s} in Vietnamese alphabetical order; letters first, tones second. */
    public static String sortKey(String s) {
        if (s == null) {
            return "";
        }
        String d = Normalizer.normalize(s.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder primary = new StringBuilder(d.length() * 2);
        StringBuilder tones = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            int tone = 0;
            char base = c;
            // fold the letter-forming marks (breve, circumflex, horn) into the letter
            while (i + 1 < d.length() && Character.getType(d.charAt(i + 1)) == Character.NON_SPACING_MARK) {
                char mark = d.charAt(++i);
                switch (mark) {
                case '\u0306' -> base = base == 'a' ? 'ă' : base;
                case '\u0302' -> base = switch (base) {
                    case 'a' -> 'â';
                    case 'e' -> 'ê';
                    case 'o' -> 'ô';
                    default -> base;
                };
                case '\u031B' -> base = switch (base) {
                    case 'o' -> 'ơ';
                    case 'u' -> 'ư';
                    default -> base;
                };
                case '\u0300' -> tone = 1; // huyền
                case '\u0309' -> tone = 2; // hỏi
                case '\u0303' -> tone = 3; // ngã
                case '\u0301' -> tone = 4; // sắc
                case '\u0323' -> tone = 5; // nặng
                default -> {
                    // other marks do not order Vietnamese text
                }
                }
            }
            primary.append(weight(base));
            tones.append((char) ('0' + tone));
        }
        return primary.append("00").append(tones).toString();
    }

    /** The sort key of a person's name: given name (last word) first, then the rest. */
    public static String nameSortKey(String fullName) {
        if (fullName == null) {
            return "";
        }
        String n = fullName.strip().replaceAll("\\s+", " ");
        int last = n.lastIndexOf(' ');
        String reordered = last < 0 ? n : n.substring(last + 1) + " " + n.substring(0, last);
        return sortKey(reordered);
    }

    /** Two characters of [0-9A-Z] per letter: space lowest, then digits, then the alphabet, then the rest. */
    private static String weight(char c) {
        int w;
        if (Character.isWhitespace(c)) {
            w = 1;
        } else if (c >= '0' && c <= '9') {
            w = 2 + (c - '0');
        } else {
            int index = ALPHABET.indexOf(c);
            w = index >= 0 ? 12 + index : 12 + ALPHABET.length() + Math.min(c, 36 * 36 - 13 - ALPHABET.length() - 1);
        }
        String s = Integer.toString(w, 36).toUpperCase(Locale.ROOT);
        return s.length() == 1 ? "0" + s : s;
    }
}
