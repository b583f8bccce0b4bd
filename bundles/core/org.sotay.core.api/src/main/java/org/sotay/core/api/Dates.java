package org.sotay.core.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The one range of dates the whole API takes: years {@value #MIN_YEAR} to {@value #MAX_YEAR},
 * for days ({@link LocalDate}) and instants ({@link Instant}, in UTC) alike. A date outside it
 * (year 999999999 from a mistyped field, year 0 from a broken form) is a validation error on that
 * field with code {@value #OUT_OF_RANGE}, never a failure deep in the database or in
 * {@code Instant.toEpochMilli}. JSON bodies are checked by the REST layer before a service sees
 * them; query parameters by {@link Params#date}; a service that takes dates from elsewhere calls
 * {@link #check}. A module may narrow the range for its own fields (a date of birth), never widen it.
 */
public final class Dates {
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2199;
    /** The first day taken: 1 January {@value #MIN_YEAR}. */
    public static final LocalDate MIN = LocalDate.of(MIN_YEAR, 1, 1);
    /** The last day taken: 31 December {@value #MAX_YEAR}. */
    public static final LocalDate MAX = LocalDate.of(MAX_YEAR, 12, 31);
    /** The first instant taken: the start of {@link #MIN} in UTC. */
    public static final Instant MIN_INSTANT = MIN.atStartOfDay(ZoneOffset.UTC).toInstant();
    /** The first instant no longer taken: the end of {@link #MAX} in UTC. */
    public static final Instant END_INSTANT = MAX.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    /** The error code of a date outside the range. */
    public static final String OUT_OF_RANGE = "out-of-range";

    private Dates() {
    }

    /** {@code null} (absent) or within the range. */
    public static boolean inRange(LocalDate date) {
        return date == null || (!date.isBefore(MIN) && !date.isAfter(MAX));
    }

    /** {@code null} (absent) or within the range. */
    public static boolean inRange(Instant at) {
        return at == null || (!at.isBefore(MIN_INSTANT) && at.isBefore(END_INSTANT));
    }

    /** The date itself, or a validation error on {@code field} ({@value #OUT_OF_RANGE}) when it is outside the range. */
    public static LocalDate check(String field, LocalDate date) {
        if (!inRange(date)) {
            throw SotayException.invalid(List.of(error(field)));
        }
        return date;
    }

    /** The instant itself, or a validation error on {@code field} ({@value #OUT_OF_RANGE}) when it is outside the range. */
    public static Instant check(String field, Instant at) {
        if (!inRange(at)) {
            throw SotayException.invalid(List.of(error(field)));
        }
        return at;
    }

    /** The field error of a date outside the range, for a {@link Validation} that reports every field at once. */
    public static FieldError error(String field) {
        return new FieldError(field, OUT_OF_RANGE, Text.of(
                "Ngày phải từ năm " + MIN_YEAR + " đến năm " + MAX_YEAR + ".",
                "The date must be between the years " + MIN_YEAR + " and " + MAX_YEAR + "."));
    }
}
