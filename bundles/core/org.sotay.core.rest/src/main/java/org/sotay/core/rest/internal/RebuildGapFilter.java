package org.sotay.core.rest.internal;

import java.io.IOException;
import java.util.UUID;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.sotay.core.api.Api;
import org.sotay.core.api.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hides the moment the JAX-RS whiteboard rebuilds the application. When a module's resource
 * comes or goes, Aries destroys the CXF server of {@code /api} and starts a new one with the new
 * set of resources; a request that lands in between gets CXF's bare "No service was found" 404,
 * although every endpoint it could want is still there. This filter, in front of the
 * application's servlet, recognises exactly that answer (nothing of the request has been read
 * yet) and serves the request again once the new server is up, so installing or removing one
 * module never fails a call to another. Every other response passes through untouched.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.asyncSupported=true",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.path=/" + Api.BASE_PATH + ")" })
public class RebuildGapFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(RebuildGapFilter.class);
    /** How long a request may wait for the application to come back: rebuilds take milliseconds. */
    static final long MAX_WAIT_MS = 5_000;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(response instanceof HttpServletResponse http)) {
            chain.doFilter(request, response);
            return;
        }
        long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
        long pause = 5;
        while (true) {
            GapDetectingResponse attempt = new GapDetectingResponse(http);
            chain.doFilter(request, attempt);
            if (!attempt.sawRebuildGap()) {
                attempt.finish();
                return;
            }
            http.reset();
            if (System.currentTimeMillis() + pause > deadline) {
                LOG.warn("The /api application did not come back within {} ms", MAX_WAIT_MS);
                unavailable(http);
                return;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable(http);
                return;
            }
            pause = Math.min(pause * 2, 200);
        }
    }

    private static void unavailable(HttpServletResponse http) throws IOException {
        String id = UUID.randomUUID().toString();
        ProblemType t = ProblemType.UNAVAILABLE;
        http.setStatus(t.status());
        http.setHeader("Retry-After", "1");
        http.setHeader(Api.REQUEST_ID_HEADER, id);
        http.setContentType(Api.PROBLEM_JSON + ";charset=UTF-8");
        http.getWriter().write("{\"type\":\"" + t.uri() + "\",\"title\":\"" + t.title().vi() + "\",\"status\":" + t.status()
                + ",\"requestId\":\"" + id + "\"}");
    }
}
