package org.sotay.core.metrics.internal;

import java.lang.reflect.Method;
import java.time.Duration;

import javax.annotation.Priority;
import javax.ws.rs.Path;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.sotay.core.api.Api;

import io.micrometer.core.instrument.Timer;

/**
 * Times every request of the {@code /api} application as {@code http_server_requests_seconds}, by
 * method, endpoint template ({@code /v1/members/{id}}, never the ids themselves, so the number of
 * series stays fixed), status and outcome; requests no resource matched share the template
 * {@code UNMATCHED}. Buckets at the latencies the issues set as goals (20 and 50 ms, 1 s).
 */
@Component(service = { ContainerRequestFilter.class, ContainerResponseFilter.class })
@JaxrsExtension
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@PreMatching // so that requests no resource matches are timed too
@Priority(50)
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = "sotay.metrics.started";
    private static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10) };
    private final Metrics metrics;

    @Context
    ResourceInfo resourceInfo;

    @Activate
    public RequestMetrics(@Reference Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        if (!(started instanceof Long t0)) {
            return;
        }
        int status = response.getStatus();
        Timer.builder("http.server.requests").description("Requests of the /api application")
                .tag("method", request.getMethod()).tag("uri", template()).tag("status", Integer.toString(status))
                .tag("outcome", outcome(status)).serviceLevelObjectives(BUCKETS)
                .register(metrics.registry()).record(Duration.ofNanos(System.nanoTime() - t0));
    }

    private String template() {
        Class<?> type;
        Method method;
        try {
            type = resourceInfo == null ? null : resourceInfo.getResourceClass();
            method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        } catch (RuntimeException outsideARequest) {
            return "UNMATCHED";
        }
        if (type == null || method == null) {
            return "UNMATCHED";
        }
        return template(type.getAnnotation(Path.class), method.getAnnotation(Path.class));
    }

    static String template(Path type, Path method) {
        StringBuilder t = new StringBuilder();
        for (Path p : new Path[] { type, method }) {
            if (p != null && !p.value().isEmpty()) {
                String v = p.value().replaceAll("\\{([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
                t.append(v.startsWith("/") ? "" : "/").append(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
            }
        }
        return t.length() == 0 ? "/" : t.toString();
    }

    static String outcome(int status) {
        return status < 200 ? "INFORMATIONAL" : status < 300 ? "SUCCESS" : status < 400 ? "REDIRECTION"
                : status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}
