package org.sotay.core.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Which slice of a list a client asks for. Every list endpoint takes {@code offset} and
 * {@code limit}; {@code limit} defaults to {@value #DEFAULT_LIMIT} and may not exceed
 * {@value #MAX_LIMIT}: a larger value is a validation error, never silently served.
 */
public final class PageRequest {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** Offsets past this are refused: deep pages are for exports, not for paging. */
    public static final int MAX_OFFSET = 1_000_000;

    private final int offset;
    private final int limit;

    private PageRequest(int offset, int limit) {
        this.offset = offset;
        this.limit = limit;
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
        return new PageRequest(o, l);
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

    @Override
    public String toString() {
        return "offset=" + offset + ", limit=" + limit;
    }
}
