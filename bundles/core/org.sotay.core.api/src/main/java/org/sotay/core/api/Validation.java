package org.sotay.core.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every field error of a request before failing, so a client learns all that is wrong
 * in one round trip:
 *
 * <pre>
 * Validation v = new Validation();
 * v.required("title", draft.title());
 * v.maxLength("title", draft.title(), 200);
 * v.throwIfInvalid();
 * </pre>
 */
public final class Validation {
    private final List<FieldError> errors = new ArrayList<>();

    public Validation add(String field, String code, Text message) {
        errors.add(new FieldError(field, code, message));
        return this;
    }

    /** Adds {@code code} on {@code field} unless {@code ok}. */
    public Validation check(boolean ok, String field, String code, Text message) {
        if (!ok) {
            add(field, code, message);
        }
        return this;
    }

    public Validation required(String field, Object value) {
        boolean missing = value == null || (value instanceof CharSequence s && s.toString().isBlank());
        return check(!missing, field, "required", Text.of("Trường này là bắt buộc.", "This field is required."));
    }

    /**
     * At most {@code max} characters, counted as Java and Derby count them (UTF-16 units: a letter
     * outside the Basic Multilingual Plane, such as an emoji, counts two); PostgreSQL counts code
     * points, never more. So a value that passes always fits a {@code VARCHAR(max)} column.
     */
    public Validation maxLength(String field, String value, int max) {
        return check(value == null || value.length() <= max, field, "too-long",
                Text.of("Không được dài quá " + max + " ký tự.", "Must be at most " + max + " characters."));
    }

    /**
     * A one-line text as it is stored: at most {@code max} characters ({@link #maxLength}), no control
     * characters (NUL, escape sequences, line breaks) and no broken UTF-16 (a lone surrogate).
     */
    public Validation text(String field, String value, int max) {
        maxLength(field, value, max);
        return check(value == null || plain(value, false), field, "control-character",
                Text.of("Không được chứa ký tự điều khiển.", "Must not contain control characters."));
    }

    /** As {@link #text}, but line breaks and tabs are allowed: a body, a note, minutes. */
    public Validation multiline(String field, String value, int max) {
        maxLength(field, value, max);
        return check(value == null || plain(value, true), field, "control-character",
                Text.of("Không được chứa ký tự điều khiển.", "Must not contain control characters."));
    }

    /** Whether {@code s} has no control character (but line breaks and tabs, when allowed) and no lone surrogate. */
    public static boolean plain(String s, boolean lineBreaks) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
                if (lineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
                    continue;
                }
                return false;
            }
        }
        return true;
    }

    /**
     * The form in which text is stored: surrounding white space removed and Unicode composed
     * (NFC), so "Nguyễn" typed on a phone that sends decomposed letters is the same string as
     * the one in the database. {@code null} stays {@code null}.
     */
    public static String clean(String s) {
        return s == null ? null : java.text.Normalizer.normalize(s.strip(), java.text.Normalizer.Form.NFC);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw SotayException.invalid(errors);
        }
    }
}
