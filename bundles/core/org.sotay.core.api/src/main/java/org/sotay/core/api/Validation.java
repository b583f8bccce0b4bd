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

    public Validation maxLength(String field, String value, int max) {
        return check(value == null || value.codePointCount(0, value.length()) <= max, field, "too-long",
                Text.of("Không được dài quá " + max + " ký tự.", "Must be at most " + max + " characters."));
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
