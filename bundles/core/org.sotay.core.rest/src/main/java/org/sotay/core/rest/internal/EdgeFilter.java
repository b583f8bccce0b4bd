package org.sotay.core.rest.internal;

import java.io.IOException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.Api;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.Text;

/**
 * The first thing every {@code /api} request meets, before CXF reads a byte of it: a body
 * declared larger than the limit is answered 413 at once and the connection closed (so the
 * client does not upload megabytes, or wait for an idle timeout, to learn it), and an address
 * with a malformed percent-escape ({@code ?q=100%}) is answered 400, both as problem+json with a
 * request id. Bodies without a declared length (chunked) are counted as they are read, by
 * {@link RequestFilter}. The first request also puts {@link ProblemErrorPages} on the server.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.name=sotay-edge",
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.asyncSupported=true",
        "service.ranking:Integer=100",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.path=/" + Api.BASE_PATH + ")" })
public class EdgeFilter implements Filter {
    private final RestLimits limits;
    private final ProblemErrorPages errorPages = new ProblemErrorPages();

    @Activate
    public EdgeFilter(@Reference RestLimits limits) {
        this.limits = limits;
    }

    /** The bundle stops (or the filter is replaced): the server gets its own error pages back. */
    @Deactivate
    void stop() {
        errorPages.restore();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        errorPages.seen(request);
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        long declared = http.getContentLengthLong();
        long maxRequestBytes = limits.maxRequestBytes();
        if (declared > maxRequestBytes) {
            // Connection: close tells Jetty not to read (and drop) the rest of the body before it can answer
            out.setHeader("Connection", "close");
            ServletProblems.write(request, out, ProblemType.PAYLOAD_TOO_LARGE, new PayloadTooLargeException(maxRequestBytes).detail());
            out.flushBuffer();
            return;
        }
        if (hasNul(http.getQueryString())) {
            ServletProblems.write(request, out, ProblemType.MALFORMED_REQUEST,
                    Text.of("Địa chỉ có ký tự NUL (%00).", "The address holds a NUL character (%00)."));
            return;
        }
        if (!wellEscaped(http.getRequestURI()) || !wellEscaped(http.getQueryString())) {
            ServletProblems.write(request, out, ProblemType.MALFORMED_REQUEST,
                    Text.of("Địa chỉ có mã thoát phần trăm (%) không hợp lệ.", "The address has a malformed percent-escape (%)."));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether every {@code %} of a raw (undecoded) address part is followed by two hex digits. */
    static boolean wellEscaped(String raw) {
        if (raw == null) {
            return true;
        }
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            if (i + 2 >= raw.length() || !hex(raw.charAt(i + 1)) || !hex(raw.charAt(i + 2))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a raw query string holds an escaped NUL ({@code %00}): no parameter may carry one to a database. */
    static boolean hasNul(String raw) {
        return raw != null && (raw.contains("%00") || raw.indexOf('\0') >= 0);
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
