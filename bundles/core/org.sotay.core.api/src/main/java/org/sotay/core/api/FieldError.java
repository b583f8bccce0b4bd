package org.sotay.core.api;

import java.util.Objects;

/**
 * One field at fault in a request. {@code field} is a JSON pointer-like path as the client sent
 * it ({@code cardNumber}, {@code members[3].dateOfBirth}, {@code limit}); {@code code} is stable
 * and machine-readable ({@code required}, {@code too-long}, {@code format}, ...).
 */
public final class FieldError {
    private final String field;
    private final String code;
    private final Text message;

    public FieldError(String field, String code, Text message) {
        this.field = Objects.requireNonNull(field, "field");
        this.code = Objects.requireNonNull(code, "code");
        this.message = Objects.requireNonNull(message, "message");
    }

    public String field() {
        return field;
    }

    public String code() {
        return code;
    }

    public Text message() {
        return message;
    }

    @Override
    public String toString() {
        return field + ": " + code + " (" + message.en() + ")";
    }
}
