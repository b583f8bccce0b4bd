package org.sotay.core.rest.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.sotay.core.api.Api;
import org.sotay.core.api.Problem;
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
 * module never fails a call to another. A request caught while the old server is torn down
 * (CXF then fails with a NullPointerException in its transport, before any resource runs) is
 * served again the same way. Every other response passes through untouched, and an exception
 * that escapes the servlet becomes a problem+json 500 instead of the container's HTML page.
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
            try {
                chain.doFilter(request, attempt);
            } catch (IOException | ServletException | RuntimeException e) {
                if (!http.isCommitted() && isTornDown(e)) {
                    // the old server was destroyed under this request before it reached JAX-RS: nothing ran, try again
                    http.reset();
                    if (!pause(request, http, deadline, pause)) {
                        return;
                    }
                    pause = Math.min(pause * 2, 200);
                    continue;
                }
                if (http.isCommitted()) {
                    throw e;
                }
                // never let the servlet container render an exception page (it shows the exception's message)
                LOG.error("Request {} failed outside the JAX-RS application", request instanceof HttpServletRequest r ? r.getRequestURI() : "", e);
                http.reset();
                problem(request, http, ProblemType.INTERNAL);
                return;
            }
            if (!attempt.sawRebuildGap()) {
                attempt.finish();
                return;
            }
            http.reset();
            if (!pause(request, http, deadline, pause)) {
                return;
            }
            pause = Math.min(pause * 2, 200);
        }
    }

    /** Waits before the next attempt; {@code false} (after answering 503) when the application did not come back in time. */
    private static boolean pause(ServletRequest request, HttpServletResponse http, long deadline, long pause) throws IOException {
        if (System.currentTimeMillis() + pause > deadline) {
            LOG.warn("The /api application did not come back within {} ms", MAX_WAIT_MS);
            problem(request, http, ProblemType.UNAVAILABLE);
            return false;
        }
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem(request, http, ProblemType.UNAVAILABLE);
            return false;
        }
    }

    /**
     * Whether {@code e} is CXF failing because the application's server was being destroyed: a
     * NullPointerException thrown inside CXF's HTTP transport (its destination lost its observer),
     * before any resource was invoked.
     */
    static boolean isTornDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NullPointerException) {
                StackTraceElement[] trace = t.getStackTrace();
                return trace.length > 0 && trace[0].getClassName().startsWith("org.apache.cxf.transport.");
            }
        }
        return false;
    }

    /** The same problem+json as every other error, written by hand: the JAX-RS application is not there to do it. */
    private static void problem(ServletRequest request, HttpServletResponse http, ProblemType type) throws IOException {
        String sent = request instanceof HttpServletRequest r ? r.getHeader(Api.REQUEST_ID_HEADER) : null;
        String id = sent != null && sent.matches("[A-Za-z0-9._:-]{8,64}") ? sent : UUID.randomUUID().toString();
        String accept = request instanceof HttpServletRequest r ? r.getHeader("Accept-Language") : null;
        Locale locale = accept != null && accept.strip().toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Languages.VI;
        Problem p = new Problem(type.uri(), type.title().in(locale), type.status(), null, null, id, null);
        http.setStatus(p.getStatus());
        if (type.status() == 503) {
            http.setHeader("Retry-After", "1");
        }
        http.setHeader(Api.REQUEST_ID_HEADER, id);
        http.setHeader("Content-Language", locale.getLanguage());
        http.setContentType(Api.PROBLEM_JSON + ";charset=UTF-8");
        http.getOutputStream().write(Json.MAPPER.writeValueAsBytes(p));
    }
}
