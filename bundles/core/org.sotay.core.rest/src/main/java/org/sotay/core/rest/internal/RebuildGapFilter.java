package org.sotay.core.rest.internal;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.Semaphore;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
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
 * application's servlet, recognises exactly that answer, which CXF gives before it reads the
 * body or chooses a resource, and serves the request again once the new server is up, so
 * installing or removing one module never fails a call to another.
 * <p>
 * A request caught while the old server is torn down (CXF then fails with a NullPointerException
 * in its transport) is served again only if its method is safe ({@code GET}, {@code HEAD},
 * {@code OPTIONS}): nothing proves that a {@code POST} did not reach a resource first, so it gets
 * 503 with {@code Retry-After} and the client decides. Waiting is bounded: at most
 * {@link #MAX_WAIT_MS} per request and {@link #MAX_WAITING} requests at a time; beyond that the
 * answer is 503 at once, so a rebuild never piles up request threads. Every other response passes
 * through untouched, and an exception that escapes the servlet becomes a problem+json 500 instead
 * of the container's HTML page.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.name=sotay-rebuild-gap",
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.asyncSupported=true",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.path=/" + Api.BASE_PATH + ")" })
public class RebuildGapFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(RebuildGapFilter.class);
    /** How long a request may wait for the application to come back: rebuilds take milliseconds. */
    static final long MAX_WAIT_MS = 2_000;
    /** How many requests may wait for it at once. */
    static final int MAX_WAITING = 32;
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private final Semaphore waiting = new Semaphore(MAX_WAITING);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(response instanceof HttpServletResponse http)) {
            chain.doFilter(request, response);
            return;
        }
        boolean safe = request instanceof HttpServletRequest r && SAFE.contains(r.getMethod());
        long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
        long pause = 5;
        boolean holding = false;
        try {
            while (true) {
                GapDetectingResponse attempt = new GapDetectingResponse(http);
                try {
                    chain.doFilter(request, attempt);
                } catch (IOException | ServletException | RuntimeException e) {
                    if (!http.isCommitted() && isTornDown(e)) {
                        // the old server was destroyed under this request
                        http.reset();
                        if (!safe) {
                            LOG.info("A {} caught by the /api rebuild is answered 503: it may have reached a resource",
                                    ((HttpServletRequest) request).getMethod());
                            ServletProblems.write(request, http, ProblemType.UNAVAILABLE, null);
                            return;
                        }
                        if (!holding && !(holding = waiting.tryAcquire())) {
                            ServletProblems.write(request, http, ProblemType.UNAVAILABLE, null);
                            return;
                        }
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
                    ServletProblems.write(request, http, ProblemType.INTERNAL, null);
                    return;
                }
                if (!attempt.sawRebuildGap()) {
                    attempt.finish();
                    return;
                }
                http.reset();
                if (!holding && !(holding = waiting.tryAcquire())) {
                    ServletProblems.write(request, http, ProblemType.UNAVAILABLE, null);
                    return;
                }
                if (!pause(request, http, deadline, pause)) {
                    return;
                }
                pause = Math.min(pause * 2, 200);
            }
        } finally {
            if (holding) {
                waiting.release();
            }
        }
    }

    /** Waits before the next attempt; {@code false} (after answering 503) when the application did not come back in time. */
    private static boolean pause(ServletRequest request, HttpServletResponse http, long deadline, long pause) throws IOException {
        if (System.currentTimeMillis() + pause > deadline) {
            LOG.warn("The /api application did not come back within {} ms", MAX_WAIT_MS);
            ServletProblems.write(request, http, ProblemType.UNAVAILABLE, null);
            return false;
        }
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ServletProblems.write(request, http, ProblemType.UNAVAILABLE, null);
            return false;
        }
    }

    /**
     * Whether {@code e} is CXF failing because the application's server was being destroyed: a
     * NullPointerException thrown inside CXF's HTTP transport (its destination lost its observer).
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
}
