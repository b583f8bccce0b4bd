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
                unavailable(request, http);
                return;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable(request, http);
                return;
            }
            pause = Math.min(pause * 2, 200);
        }
    }

    /** The same problem+json as every other error, written by hand: the JAX-RS application is not there to do it. */
    private static void unavailable(ServletRequest request, HttpServletResponse http) throws IOException {
        String sent = request instanceof HttpServletRequest r ? r.getHeader(Api.REQUEST_ID_HEADER) : null;
        String id = sent != null && sent.matches("[A-Za-z0-9._:-]{8,64}") ? sent : UUID.randomUUID().toString();
        String accept = request instanceof HttpServletRequest r ? r.getHeader("Accept-Language") : null;
        Locale locale = accept != null && accept.strip().toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Languages.VI;
        Problem p = new Problem(ProblemType.UNAVAILABLE.uri(), ProblemType.UNAVAILABLE.title().in(locale),
                ProblemType.UNAVAILABLE.status(), null, null, id, null);
        http.setStatus(p.getStatus());
        http.setHeader("Retry-After", "1");
        http.setHeader(Api.REQUEST_ID_HEADER, id);
        http.setHeader("Content-Language", locale.getLanguage());
        http.setContentType(Api.PROBLEM_JSON + ";charset=UTF-8");
        http.getOutputStream().write(Json.MAPPER.writeValueAsBytes(p));
    }
}
