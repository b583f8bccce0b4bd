package org.sotay.core.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Parses query parameters as clients send them (strings), so a malformed value is a 400 naming
 * the parameter, never a 404 from the JAX-RS runtime. Blank means absent ({@code null}).
 */
public final class Params {
    private Params() {
    }

    /**
     * An ISO-8601 date ({@code 2024-05-25}) within the API's range ({@link Dates}): a day that does
     * not exist ({@code 2024-02-30}) is {@code not-a-date}, a year outside the range {@code out-of-range}.
     */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw bad(name, "not-a-date", Text.of(name + " phải là ngày dạng YYYY-MM-DD.", name + " must be a date as YYYY-MM-DD."));
        }
        return Dates.check(name, date);
    }

    /** {@code true} or {@code false}. */
    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> throw bad(name, "not-a-boolean", Text.of(name + " phải là true hoặc false.", name + " must be true or false."));
        };
    }

    /** One of an enum's names, case-insensitively. */
    public static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name());
            }
            throw bad(name, "not-allowed", Text.of(name + " phải là một trong: " + allowed + ".", name + " must be one of: " + allowed + "."));
        }
    }

    private static SotayException bad(String name, String code, Text message) {
        return SotayException.invalid(List.of(new FieldError(name, code, message)));
    }
}
