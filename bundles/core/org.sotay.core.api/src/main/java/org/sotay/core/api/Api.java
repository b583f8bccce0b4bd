package org.sotay.core.api;

/**
 * Constants every REST bundle uses to join the one Sotay JAX-RS application:
 *
 * <pre>
 * &#64;Component(service = NoticeResource.class)
 * &#64;JaxrsResource
 * &#64;JaxrsApplicationSelect(Api.APPLICATION_SELECT)
 * &#64;Path("v1/notices")
 * </pre>
 */
public final class Api {
    /** {@code osgi.jaxrs.name} of the Sotay application. */
    public static final String APPLICATION_NAME = "sotay";
    /** Filter that selects the Sotay application, for {@code @JaxrsApplicationSelect}. */
    public static final String APPLICATION_SELECT = "(osgi.jaxrs.name=" + APPLICATION_NAME + ")";
    /** Where the application is served: every endpoint is under {@code /api}. */
    public static final String BASE_PATH = "api";
    /** The header that carries the request id, echoed on every response. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** The media type of every error body (RFC 9457). */
    public static final String PROBLEM_JSON = "application/problem+json";

    private Api() {
    }
}
