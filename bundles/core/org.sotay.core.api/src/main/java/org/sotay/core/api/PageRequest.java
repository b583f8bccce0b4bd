package org.sotay.core.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Which slice of a list a client asks for. Every list endpoint takes {@code offset} and
 * {@code limit}; {@code limit} defaults to {@value #DEFAULT_LIMIT} and may not exceed
 * {@value #MAX_LIMIT}: a larger value is a validation error, never silently served.
 *
 * <p>Lists that can be long also take an opaque {@code cursor}: the {@link Page#getNextCursor()
 * nextCursor} of the page before, whose next page is then read by key (keyset paging) instead of
 * by skipping {@code offset} rows. Its content belongs to the service that issued it; a client
 * never builds or edits one. A cursor and an offset other than 0 together are a validation error.
 */
public final class PageRequest {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** Offsets past this are refused: deep pages are for exports, not for paging. */
    public static final int MAX_OFFSET = 1_000_000;

    /** Longest cursor accepted: a longer one cannot come from a service and is refused. */
    public static final int MAX_CURSOR_LENGTH = 1000;

    private final int offset;
    private final int limit;
    private final String cursor;

    private PageRequest(int offset, int limit, String cursor) {
        this.offset = offset;
        this.limit = limit;
        this.cursor = cursor;
    }

    /** Validates and builds a request; {@code null} values take the defaults. */
    public static PageRequest of(Integer offset, Integer limit) {
        int o = offset == null ? 0 : offset;
        int l = limit == null ? DEFAULT_LIMIT : limit;
        List<FieldError> errors = new ArrayList<>();
        if (o < 0 || o > MAX_OFFSET) {
            errors.add(new FieldError("offset", "out-of-range", Text.of(
                    "offset phải từ 0 đến " + MAX_OFFSET + ".", "offset must be between 0 and " + MAX_OFFSET + ".")));
        }
        if (l < 1 || l > MAX_LIMIT) {
            errors.add(new FieldError("limit", "out-of-range", Text.of(
                    "limit phải từ 1 đến " + MAX_LIMIT + ".", "limit must be between 1 and " + MAX_LIMIT + ".")));
        }
        if (!errors.isEmpty()) {
            throw SotayException.invalid(errors);
        }
        return new PageRequest(o, l, null);
    }

    /**
     * The page after {@code cursor} (a {@link Page#getNextCursor() nextCursor}); a {@code null} or
     * blank cursor is the first page. Only the cursor's shape is checked here (length, characters):
     * the service that reads it refuses one it did not issue.
     *
     * @since 1.3
     */
    public static PageRequest after(String cursor, Integer limit) {
        PageRequest first = of(0, limit);
        String c = cursor == null || cursor.isBlank() ? null : cursor.strip();
        if (c != null && (c.length() > MAX_CURSOR_LENGTH || !c.chars().allMatch(PageRequest::cursorChar))) {
            throw SotayException.invalid(List.of(invalidCursor()));
        }
        return new PageRequest(0, first.limit, c);
    }

    /**
     * Parses query parameters as a client sent them, with a {@code cursor} (keyset paging) or an
     * {@code offset}; both at once (an offset other than 0) is a validation error on {@code cursor}.
     *
     * @since 1.3
     */
    public static PageRequest parse(String offset, String limit, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return parse(offset, limit);
        }
        List<FieldError> errors = new ArrayList<>();
        Integer o = number("offset", offset, errors);
        Integer l = number("limit", limit, errors);
        if (o != null && o != 0) {
            errors.add(new FieldError("cursor", "with-offset", Text.of("Không dùng cursor cùng với offset.",
                    "A cursor cannot be combined with an offset.")));
        }
        if (!errors.isEmpty()) {
            throw SotayException.invalid(errors);
        }
        return after(cursor, l);
    }

    /** The error of a cursor its service cannot read: for services checking what a cursor holds. */
    public static FieldError invalidCursor() {
        return new FieldError("cursor", "invalid", Text.of("cursor không hợp lệ: dùng nextCursor của trang trước.",
                "The cursor is not valid: use the nextCursor of the page before."));
    }

    private static boolean cursorChar(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '=';
    }

    /**
     * Parses query parameters as a client sent them; a value that is not a whole number is a
     * validation error on that field, not a 404.
     */
    public static PageRequest parse(String offset, String limit) {
        List<FieldError> errors = new ArrayList<>();
        Integer o = number("offset", offset, errors);
        Integer l = number("limit", limit, errors);
        if (!errors.isEmpty()) {
            throw SotayException.invalid(errors);
        }
        return of(o, l);
    }

    private static Integer number(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "not-a-number", Text.of(field + " phải là số nguyên.", field + " must be a whole number.")));
            return null;
        }
    }

    public static PageRequest first(int limit) {
        return of(0, limit);
    }

    public int offset() {
        return offset;
    }

    public int limit() {
        return limit;
    }

    /** The cursor this page starts after, or {@code null} (the first page, or offset paging). */
    public String cursor() {
        return cursor;
    }

    @Override
    public String toString() {
        return cursor == null ? "offset=" + offset + ", limit=" + limit : "cursor=" + cursor + ", limit=" + limit;
    }
}
