package org.sotay.core.api;

import java.util.List;

/**
 * The body of every error response, as RFC 9457 {@code application/problem+json}. Built by the
 * REST layer from a {@link SotayException} in the caller's language; {@code requestId} matches
 * the {@code X-Request-Id} header and the server log line of the same request.
 */
public final class Problem {
    /** A field error as it is sent to the client, already in the caller's language. */
    public static final class Error {
        private final String field;
        private final String code;
        private final String message;

        public Error(String field, String code, String message) {
            this.field = field;
            this.code = code;
            this.message = message;
        }

        public String getField() {
            return field;
        }

        public String getCode() {
            return code;
        }

        public String getMessage() {
            return message;
        }
    }

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final String instance;
    private final String requestId;
    private final List<Error> errors;

    public Problem(String type, String title, int status, String detail, String instance, String requestId,
            List<Error> errors) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.requestId = requestId;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    public String getRequestId() {
        return requestId;
    }

    public List<Error> getErrors() {
        return errors;
    }
}
