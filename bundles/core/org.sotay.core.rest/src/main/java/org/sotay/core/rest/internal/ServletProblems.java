package org.sotay.core.rest.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.servlet.ServletRequest;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.sotay.core.api.Api;
import org.sotay.core.api.Problem;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.Text;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The same problem+json as the JAX-RS application answers, written where the application is not
 * there to do it: in the servlet filters in front of it and in the web server's error handler.
 */
final class ServletProblems {
    static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    /** Jetty refuses these before any servlet runs; the core types have no slug for them. */
    static final ProblemType URI_TOO_LONG = ProblemType.of("uri-too-long", 414, Text.of("Địa chỉ quá dài", "URI too long"));
    static final ProblemType HEADERS_TOO_LARGE = ProblemType.of("headers-too-large", 431,
            Text.of("Phần đầu của yêu cầu quá lớn", "Request header fields too large"));

    private ServletProblems() {
    }

    /** The problem type for an HTTP status the web server chose by itself. */
    static ProblemType forStatus(int status) {
        return switch (status) {
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> HEADERS_TOO_LARGE;
            case 503 -> ProblemType.UNAVAILABLE;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.MALFORMED_REQUEST;
        };
    }

    /** The client's request id if it sent a sane one, a new one otherwise. */
    static String requestId(String sent) {
        return sent != null && SANE_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }

    static Locale locale(String acceptLanguage) {
        return acceptLanguage != null && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Languages.VI;
    }

    static byte[] body(ProblemType type, Text detail, Locale locale, String instance, String requestId) {
        Problem p = new Problem(type.uri(), type.title().in(locale), type.status(), detail == null ? null : detail.in(locale), instance,
                requestId, null);
        try {
            return Json.MAPPER.writeValueAsBytes(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers {@code type} with problem+json on a response nothing was written to yet. */
    static void write(ServletRequest request, HttpServletResponse http, ProblemType type, Text detail) throws IOException {
        HttpServletRequest r = request instanceof HttpServletRequest h ? h : null;
        String id = requestId(r == null ? null : r.getHeader(Api.REQUEST_ID_HEADER));
        Locale locale = locale(r == null ? null : r.getHeader("Accept-Language"));
        byte[] body = body(type, detail, locale, r == null ? null : r.getRequestURI(), id);
        http.setStatus(type.status());
        if (type.status() == 503) {
            http.setHeader("Retry-After", "1");
        }
        http.setHeader(Api.REQUEST_ID_HEADER, id);
        http.setHeader("Content-Language", locale.getLanguage());
        http.setHeader("Cache-Control", "no-store");
        http.setContentType(Api.PROBLEM_JSON + ";charset=UTF-8");
        http.setContentLength(body.length);
        http.getOutputStream().write(body);
    }
}
