package org.sotay.core.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.HandlerList;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edge of {@code /api} on a real Jetty (the version Karaf's Pax Web ships), outside Karaf:
 * {@link EdgeFilter}, {@link RebuildGapFilter} and {@link ProblemErrorPages} in front of a servlet
 * that stands for CXF. Requests go over a raw socket, so nothing in between fixes them up.
 */
class EdgeTest {
    private static final long LIMIT = 1_000;
    private static Server server;
    private static int port;
    private static final AtomicInteger calls = new AtomicInteger();
    /** How many of the next calls fail the way CXF fails while Aries tears the application down. */
    private static final AtomicInteger tornDown = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler api = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        api.setContextPath("/api");
        RestLimits limits = new RestLimits();
        limits.configure(config(LIMIT));
        EdgeFilter edge = new EdgeFilter(limits);
        api.addFilter(new FilterHolder(edge), "/*", EnumSet.of(DispatcherType.REQUEST));
        api.addFilter(new FilterHolder(new RebuildGapFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        api.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                calls.incrementAndGet();
                if (tornDown.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    NullPointerException npe = new NullPointerException("incomingObserver");
                    npe.setStackTrace(new StackTraceElement[] {
                            new StackTraceElement("org.apache.cxf.transport.http.AbstractHTTPDestination", "invoke", "A.java", 1) });
                    throw npe;
                }
                req.getInputStream().readAllBytes();
                resp.setContentType("application/json");
                resp.getWriter().write("{\"ok\":true}");
            }
        }), "/*");
        server.setHandler(new HandlerList(api));
        server.start();
        port = connector.getLocalPort();
        // the error pages arrive with the first request through the edge filter, while the server runs
        assertFalse(server.getErrorHandler() instanceof ProblemErrorHandler);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("GET /api/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getInputStream().readAllBytes();
        }
        assertTrue(server.getErrorHandler() instanceof ProblemErrorHandler, "the first request put the error pages on the server");
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @BeforeEach
    void reset() {
        calls.set(0);
        tornDown.set(0);
    }

    static RestConfig config(long maxBytes) {
        return (RestConfig) Proxy.newProxyInstance(RestConfig.class.getClassLoader(), new Class<?>[] { RestConfig.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "maxRequestBytes" -> maxBytes;
                    case "corsAllowedOrigins", "trustedProxies" -> new String[0];
                    case "corsMaxAgeSeconds" -> 600;
                    default -> method.getDefaultValue();
                });
    }

    /** Sends {@code head} (and {@code body}), then reads what comes back within 10 s. */
    private static String exchange(String head, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0;) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // what came until then is the answer
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    private static String get(String target, String... headers) throws IOException {
        return exchange("GET " + target + " HTTP/1.1\r\nHost: x\r\n" + String.join("", headers) + "Connection: close\r\n\r\n", null);
    }

    private static void assertProblem(String response, int status, String slug) {
        assertTrue(response.startsWith("HTTP/1.1 " + status + " "), response);
        assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), response);
        assertTrue(response.contains("\"type\":\"urn:sotay:problem:" + slug + "\""), response);
        assertTrue(response.contains("\"status\":" + status), response);
        assertTrue(response.contains("X-Request-Id: "), response);
    }

    @Test
    void aDeclaredOversizedBodyIsRefusedBeforeItIsSent() throws IOException {
        long before = System.nanoTime();
        // a 100 MB upload of which only three bytes ever arrive: the answer must not wait for the rest
        String r = exchange("POST /api/v1/members/import HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 100000000\r\n\r\n",
                "abc".getBytes(StandardCharsets.US_ASCII));
        long ms = (System.nanoTime() - before) / 1_000_000;
        assertProblem(r, 413, "payload-too-large");
        assertTrue(r.contains("1000"), "names the limit: " + r);
        assertTrue(r.contains("Connection: close"), r);
        assertTrue(ms < 9_000, "answered before the read timeout, not after: " + ms + " ms");
        assertEquals(0, calls.get(), "the application never saw it");
    }

    @Test
    void aBodyWithinTheLimitPasses() throws IOException {
        byte[] body = new byte[(int) LIMIT];
        String r = exchange("POST /api/v1/x HTTP/1.1\r\nHost: x\r\nContent-Length: " + LIMIT + "\r\nConnection: close\r\n\r\n", body);
        assertTrue(r.startsWith("HTTP/1.1 200 "), r);
    }

    @Test
    void aMalformedPercentEscapeIs400() throws IOException {
        for (String target : new String[] { "/api/v1/members?q=100%", "/api/v1/members?q=%zz", "/api/v1/members?q=%4" }) {
            assertProblem(get(target), 400, "malformed-request");
        }
        assertProblem(get("/api/v1/members?unit=a%00b"), 400, "malformed-request");
        assertEquals(0, calls.get());
        assertTrue(get("/api/v1/members?q=100%25").startsWith("HTTP/1.1 200 "));
    }

    @Test
    void whatJettyRefusesByItselfIsProblemJsonToo() throws IOException {
        assertProblem(get("/api/v1/health?x=" + "a".repeat(20_000)), 414, "uri-too-long");
        assertProblem(get("/api/v1/health", "X-Big: " + "a".repeat(20_000) + "\r\n"), 431, "headers-too-large");
        assertProblem(get("/api/v1/..;/health"), 400, "malformed-request");
        assertProblem(get("/api/v1/health%00"), 400, "malformed-request");
        String notApi = get("/nothing-here");
        assertProblem(notApi, 404, "not-found");
        assertEquals(0, calls.get());
    }

    @Test
    void whenTheBundleStopsTheServerGetsItsOwnErrorPagesBack() {
        Server other = new Server();
        ErrorHandler own = new ErrorHandler();
        other.setErrorHandler(own);
        ProblemErrorPages pages = new ProblemErrorPages();
        pages.installOn(other);
        assertTrue(other.getErrorHandler() instanceof ProblemErrorHandler);
        pages.installOn(other);
        pages.restore();
        assertSame(own, other.getErrorHandler());
    }

    @Test
    void aSafeRequestCaughtByTheRebuildIsServedAgain() throws IOException {
        tornDown.set(2);
        String r = get("/api/v1/members");
        assertTrue(r.startsWith("HTTP/1.1 200 "), r);
        assertEquals(3, calls.get());
    }

    @Test
    void aPostCaughtByTheRebuildIsNotReplayed() throws IOException {
        tornDown.set(1);
        String r = exchange("POST /api/v1/members HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n",
                "{}".getBytes(StandardCharsets.US_ASCII));
        assertProblem(r, 503, "unavailable");
        assertTrue(r.contains("Retry-After: 1"), r);
        assertEquals(1, calls.get(), "served once: it may have reached a resource");
    }
}
