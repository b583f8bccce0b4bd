package org.sotay.core.api;

import java.util.Objects;

/**
 * A stable kind of failure: its {@code type} URI never changes once published, its title is
 * bilingual, and it carries the HTTP status a REST client sees. Modules define their own with
 * {@link #of}; the common ones are constants here.
 */
public final class ProblemType {
    public static final String URN_PREFIX = "urn:sotay:problem:";

    public static final ProblemType VALIDATION = of("validation", 400,
            Text.of("Dữ liệu không hợp lệ", "Invalid request data"));
    public static final ProblemType MALFORMED_REQUEST = of("malformed-request", 400,
            Text.of("Yêu cầu không đọc được", "Malformed request"));
    public static final ProblemType UNAUTHORIZED = of("unauthorized", 401,
            Text.of("Cần đăng nhập", "Authentication required"));
    public static final ProblemType FORBIDDEN = of("forbidden", 403,
            Text.of("Không có quyền thực hiện", "Not allowed"));
    public static final ProblemType NOT_FOUND = of("not-found", 404,
            Text.of("Không tìm thấy", "Not found"));
    public static final ProblemType METHOD_NOT_ALLOWED = of("method-not-allowed", 405,
            Text.of("Phương thức không được hỗ trợ", "Method not allowed"));
    public static final ProblemType NOT_ACCEPTABLE = of("not-acceptable", 406,
            Text.of("Không có định dạng phù hợp", "Not acceptable"));
    public static final ProblemType CONFLICT = of("conflict", 409,
            Text.of("Xung đột dữ liệu", "Conflict"));
    public static final ProblemType STALE_VERSION = of("stale-version", 409,
            Text.of("Dữ liệu đã bị người khác thay đổi", "The data was changed by someone else"));
    public static final ProblemType PAYLOAD_TOO_LARGE = of("payload-too-large", 413,
            Text.of("Yêu cầu quá lớn", "Payload too large"));
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type", 415,
            Text.of("Định dạng dữ liệu không được hỗ trợ", "Unsupported media type"));
    public static final ProblemType TOO_MANY_REQUESTS = of("too-many-requests", 429,
            Text.of("Quá nhiều yêu cầu, vui lòng thử lại sau", "Too many requests, try again later"));
    public static final ProblemType INTERNAL = of("internal", 500,
            Text.of("Lỗi hệ thống", "Internal error"));
    public static final ProblemType UNAVAILABLE = of("unavailable", 503,
            Text.of("Dịch vụ tạm thời không sẵn sàng", "Service temporarily unavailable"));

    private final String slug;
    private final int status;
    private final Text title;

    private ProblemType(String slug, int status, Text title) {
        if (!slug.matches("[a-z0-9]+(?:[.-][a-z0-9]+)*")) {
            throw new IllegalArgumentException("problem slug must be lower-case words: " + slug);
        }
        this.slug = slug;
        this.status = status;
        this.title = Objects.requireNonNull(title);
    }

    /** A problem type {@code urn:sotay:problem:<slug>}; modules prefix their slugs ({@code registry.card-taken}). */
    public static ProblemType of(String slug, int status, Text title) {
        return new ProblemType(slug, status, title);
    }

    public String uri() {
        return URN_PREFIX + slug;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public Text title() {
        return title;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProblemType p && slug.equals(p.slug);
    }

    @Override
    public int hashCode() {
        return slug.hashCode();
    }

    @Override
    public String toString() {
        return uri() + " (" + status + ")";
    }
}
