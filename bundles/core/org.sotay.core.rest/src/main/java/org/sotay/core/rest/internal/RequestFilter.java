package org.sotay.core.rest.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.annotation.Priority;
import javax.ws.rs.HttpMethod;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.metatype.annotations.Designate;
import org.sotay.core.api.Api;
import org.slf4j.MDC;
import org.sotay.core.api.security.ClientInfo;

/**
 * First and last on every request: gives it a request id (the client's {@code X-Request-Id} if
 * sane, a new one otherwise) for the response header and every log line, refuses bodies over the
 * size limit, answers CORS, and marks every answer to a signed-in caller {@code Cache-Control:
 * no-store} unless its resource set its own caching. Runs before routing, so unknown paths get all of it too.
 */
@Component(service = { ContainerRequestFilter.class, ContainerResponseFilter.class }, configurationPid = RestConfig.PID)
@Designate(ocd = RestConfig.class)
@JaxrsExtension
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@PreMatching
@Priority(100)
public class RequestFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String REQUEST_ID = "sotay.requestId";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Accept-Language, If-None-Match, If-Match, X-Request-Id";
    private static final String EXPOSED_HEADERS = "X-Request-Id, ETag, Location, Content-Language";

    private volatile long maxRequestBytes;
    private volatile Set<String> corsOrigins;
    private volatile int corsMaxAge;
    private volatile Set<String> trustedProxies;

    @Context
    HttpServletRequest servletRequest;

    @Activate
    @Modified
    void configure(RestConfig config) {
        maxRequestBytes = config.maxRequestBytes();
        // "a, b" in a .cfg file arrives as one string: accept lists and comma-separated values alike
        corsOrigins = Arrays.stream(config.corsAllowedOrigins()).flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        corsMaxAge = config.corsMaxAgeSeconds();
        trustedProxies = Arrays.stream(config.trustedProxies()).flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The client's address: the connection's peer, or, when that peer is a trusted reverse proxy,
     * the last address the proxy appended to {@code X-Forwarded-For}.
     */
    private String clientAddress(ContainerRequestContext ctx) {
        String peer;
        try {
            peer = servletRequest == null ? null : servletRequest.getRemoteAddr();
        } catch (RuntimeException outsideServlet) {
            peer = null;
        }
        if (peer != null && trustedProxies.contains(peer)) {
            String forwarded = ctx.getHeaderString("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                String last = hops[hops.length - 1].strip();
                if (!last.isEmpty() && last.length() <= 64) {
                    return last;
                }
            }
        }
        return peer;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        CallerContextImpl.clear();
        String id = ctx.getHeaderString(Api.REQUEST_ID_HEADER);
        if (id == null || !SANE_ID.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        ctx.setProperty(REQUEST_ID, id);
        MDC.put("requestId", id);
        CallerContextImpl.setClient(new ClientInfo(id, clientAddress(ctx), ctx.getHeaderString(HttpHeaders.USER_AGENT)));

        String origin = ctx.getHeaderString("Origin");
        if (origin != null && HttpMethod.OPTIONS.equals(ctx.getMethod())
                && ctx.getHeaderString("Access-Control-Request-Method") != null) {
            Response.ResponseBuilder preflight = Response.noContent();
            if (allowed(origin)) {
                preflight.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS")
                        .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                        .header("Access-Control-Max-Age", corsMaxAge);
            }
            ctx.abortWith(preflight.build());
            return;
        }

        int length = ctx.getLength();
        if (length > maxRequestBytes) {
            ctx.abortWith(Problems.response(Problems.toProblem(new PayloadTooLargeException(maxRequestBytes).toSotay(),
                    Languages.pick(new RequestHeaders(ctx)), null, id), Languages.pick(new RequestHeaders(ctx))));
            return;
        }
        if (ctx.hasEntity()) {
            ctx.setEntityStream(new LimitedInputStream(ctx.getEntityStream(), maxRequestBytes));
        }
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        MultivaluedMap<String, Object> headers = res.getHeaders();
        Object id = req.getProperty(REQUEST_ID);
        if (id != null) {
            headers.putSingle(Api.REQUEST_ID_HEADER, id);
        }
        String origin = req.getHeaderString("Origin");
        if (origin != null && allowed(origin)) {
            headers.putSingle("Access-Control-Allow-Origin", corsOrigins.contains("*") ? "*" : origin);
            headers.add(HttpHeaders.VARY, "Origin");
            headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        if (CallerContextImpl.authenticated() && !headers.containsKey(HttpHeaders.CACHE_CONTROL)) {
            // an answer to a signed-in caller is theirs (members' personal data, their scope's figures): no shared
            // or on-disk cache keeps it unless the resource chose otherwise; ETags still let clients revalidate
            headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        CallerContextImpl.clear();
        MDC.remove("requestId");
    }

    private boolean allowed(String origin) {
        Set<String> origins = corsOrigins;
        return origins.contains("*") || origins.contains(origin);
    }

    static String requestId(ContainerRequestContext ctx) {
        Object id = ctx == null ? null : ctx.getProperty(REQUEST_ID);
        return id == null ? null : id.toString();
    }
}
