package org.sotay.core.api;

import java.util.List;
import java.util.Objects;

/**
 * The one exception type a Sotay service throws for a failure a client should see. The REST
 * layer turns it into an {@code application/problem+json} response of its {@link ProblemType}.
 * Anything else that escapes a service is an internal error (500, logged, never shown).
 */
public class SotayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final Text detail;
    private final List<FieldError> errors;
    private long retryAfterSeconds;

    public SotayException(ProblemType type, Text detail) {
        this(type, detail, List.of(), null);
    }

    public SotayException(ProblemType type, Text detail, List<FieldError> errors, Throwable cause) {
        super(detail == null ? type.title().en() : detail.en(), cause);
        this.type = Objects.requireNonNull(type, "type");
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    /** The detail for a person, or {@code null} when the title says it all. */
    public Text detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Seconds after which the client may try again (sent as {@code Retry-After}); 0 when not said. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A 429: too many attempts; try again after {@code seconds} (at least 1). */
    public static SotayException tooManyRequests(Text detail, long seconds) {
        SotayException e = new SotayException(ProblemType.TOO_MANY_REQUESTS, detail);
        e.retryAfterSeconds = Math.max(1, seconds);
        return e;
    }

    public static SotayException notFound(Text detail) {
        return new SotayException(ProblemType.NOT_FOUND, detail);
    }

    public static SotayException forbidden(Text detail) {
        return new SotayException(ProblemType.FORBIDDEN, detail);
    }

    public static SotayException conflict(Text detail) {
        return new SotayException(ProblemType.CONFLICT, detail);
    }

    public static SotayException staleVersion() {
        return new SotayException(ProblemType.STALE_VERSION, Text.of(
                "Bản ghi đã được cập nhật sau khi bạn tải về; hãy tải lại rồi thử lại.",
                "The record was updated after you loaded it; reload it and try again."));
    }

    public static SotayException invalid(List<FieldError> errors) {
        return new SotayException(ProblemType.VALIDATION, Text.of(
                "Có " + errors.size() + " trường không hợp lệ.",
                errors.size() + (errors.size() == 1 ? " field is" : " fields are") + " invalid."),
                errors, null);
    }
}
