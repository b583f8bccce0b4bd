package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import org.junit.Before;
import org.sotay.core.api.health.HealthPermissions;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/** The platform's contract over real HTTP: health, errors as problem+json, auth failing closed, limits. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class PlatformIT extends SotayTestSupport {

    @Before
    public void ready() {
        registerTestAuth();
        awaitHealthy();
    }

    @Test
    public void healthListsEveryModuleUpAndTheDatabase() {
        CALLERS.put("itest-operator-token", callerAt("itest-operator", Set.of(rootUnit()), Set.of(HealthPermissions.READ)));
        HttpResponse<String> r = get("/v1/health", "Authorization", "Bearer itest-operator-token");
        assertEquals(200, r.statusCode());
        JsonNode h = json(r);
        assertEquals("UP", h.path("status").asText());
        boolean core = false;
        boolean sample = false;
        for (JsonNode m : h.path("modules")) {
            assertEquals(m.toString(), "UP", m.path("status").asText());
            assertTrue(m.toString(), m.path("bundles").size() > 0);
            core |= "core".equals(m.path("name").asText());
            sample |= "sample".equals(m.path("name").asText());
        }
        assertTrue("core and sample modules listed: " + h, core && sample);
        JsonNode db = h.path("checks").get(0);
        assertEquals("database", db.path("name").asText());
        assertEquals("UP", db.path("status").asText());
        String product = db.path("details").path("product").asText();
        assertTrue(product, product.toLowerCase().contains("derby".equals(DB) ? "derby" : "postgres"));
        assertTrue(h.toString(), h.path("version").isTextual());
    }

    @Test
    public void healthWithoutATokenTellsOnlyTheStatuses() {
        for (String[] headers : new String[][] { {}, { "Authorization", "Bearer " + READER_TOKEN } }) {
            HttpResponse<String> r = get("/v1/health", headers);
            assertEquals(r.body(), 200, r.statusCode());
            JsonNode h = json(r);
            assertEquals("UP", h.path("status").asText());
            assertTrue(h.toString(), h.path("modules").size() >= 7 && h.path("checks").size() >= 2);
            for (JsonNode part : List.of(h.path("modules"), h.path("checks"))) {
                for (JsonNode m : part) {
                    assertEquals("name and status only: " + m, 2, m.size());
                }
            }
            assertFalse(h.toString(), h.has("version") || h.has("uptimeSeconds"));
            for (String secret : new String[] { "Derby", "PostgreSQL", "org.sotay.", "boot-admin", "state" }) {
                assertFalse(secret + " in " + r.body(), r.body().contains(secret));
            }
        }
    }

    @Test
    public void aBodyDeclaredOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
        int port = Integer.parseInt(System.getProperty("sotay.http.port"));
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /api/v1/members/import HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: 100000000\r\n\r\nabc").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            byte[] head = new byte[1024];
            int n = s.getInputStream().read(head); // a SocketTimeoutException here: the server waited for the body
            String answer = new String(head, 0, Math.max(0, n), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(answer, answer.startsWith("HTTP/1.1 413 "));
            assertTrue(answer, answer.contains("application/problem+json"));
        }
    }

    @Test
    public void metricsAreForOperatorsAndCountRequestsPerTemplate() {
        assertEquals(401, get("/v1/metrics").statusCode());
        assertEquals(401, get("/v1/metrics", "Authorization", "Bearer " + READER_TOKEN).statusCode());
        CALLERS.put("itest-metrics-token", callerAt("itest-metrics", Set.of(rootUnit()), Set.of("metrics.read")));
        assertEquals(200, get("/v1/sample/notices?limit=1", "Authorization", "Bearer " + WRITER_TOKEN).statusCode());
        get("/v1/nothing-here");
        HttpResponse<String> r = get("/v1/metrics", "Authorization", "Bearer itest-metrics-token");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse(""), r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String m = r.body();
        assertTrue(m, m.contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/v1/sample/notices\"}"));
        assertTrue(m, m.contains("uri=\"UNMATCHED\""));
        assertFalse("no ids or raw paths as labels", m.contains("nothing-here"));
        assertTrue(m, m.contains("sotay_outbox_pending "));
        assertTrue(m, m.contains("jvm_memory_used_bytes"));
        java.util.regex.Matcher pool = java.util.regex.Pattern.compile("sotay_db_pool_connections\\{state=\"total\"\\} (\\S+)").matcher(m);
        assertTrue(m, pool.find());
        assertTrue("the pool's MBean is read: " + pool.group(1), Double.parseDouble(pool.group(1)) >= 1);
    }

    @Test
    public void answersToSignedInCallersAreNotStored() {
        await("the bootstrap administrator", 60, () -> login(ADMIN, ADMIN_PASSWORD).statusCode() == 200);
        HttpResponse<String> members = get("/v1/members?limit=1", "Authorization", "Bearer " + tokenOf(ADMIN, ADMIN_PASSWORD));
        assertEquals(members.body(), 200, members.statusCode());
        assertEquals("no-store", members.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> openapi = get("/openapi.json");
        assertFalse(openapi.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
    }

    @Test
    public void unknownPathIsAProblemNotAStackTrace() {
        HttpResponse<String> r = get("/v1/nothing-here");
        assertEquals(404, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode p = json(r);
        assertEquals("urn:sotay:problem:not-found", p.path("type").asText());
        assertEquals(404, p.path("status").asInt());
        assertEquals("Không tìm thấy", p.path("title").asText());
        assertEquals(r.headers().firstValue("X-Request-Id").orElse("none"), p.path("requestId").asText());
        assertNoStackTrace(r);
    }

    @Test
    public void englishOnRequestAndTheClientsRequestIdIsKept() {
        HttpResponse<String> r = get("/v1/nothing-here", "Accept-Language", "en-GB,en;q=0.8", "X-Request-Id", "client-chosen-id-42");
        assertEquals("Not found", json(r).path("title").asText());
        assertEquals("en", r.headers().firstValue("Content-Language").orElse(""));
        assertEquals("client-chosen-id-42", r.headers().firstValue("X-Request-Id").orElse(""));
    }

    @Test
    public void protectedEndpointsFailClosed() {
        String draft = "{\"title\":\"t\",\"body\":\"b\"}";
        for (String[] auth : new String[][] { {}, { "Authorization", "Bearer not-a-token" }, { "Authorization", "Basic dXNlcjpwYXNz" },
                { "Authorization", "Bearer" } }) {
            String[] headers = concat(auth, "Content-Type", "application/json");
            HttpResponse<String> r = http("POST", "/v1/sample/notices", draft, headers);
            assertEquals(r.body(), 401, r.statusCode());
            assertEquals("urn:sotay:problem:unauthorized", json(r).path("type").asText());
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        }
        HttpResponse<String> forbidden = http("POST", "/v1/sample/notices", draft, "Authorization", "Bearer " + READER_TOKEN,
                "Content-Type", "application/json");
        assertEquals(403, forbidden.statusCode());
        assertEquals("urn:sotay:problem:forbidden", json(forbidden).path("type").asText());
    }

    @Test
    public void malformedJsonIs400AndWritesNothing() {
        long before = total();
        HttpResponse<String> r = post("{\"title\": \"Thông báo\", \"body\": ");
        assertEquals(r.body(), 400, r.statusCode());
        assertEquals("urn:sotay:problem:malformed-request", json(r).path("type").asText());
        assertNoStackTrace(r);
        assertEquals(before, total());
    }

    @Test
    public void unknownFieldsAreRefusedByName() {
        long before = total();
        HttpResponse<String> r = post("{\"title\":\"t\",\"body\":\"b\",\"publishedBy\":\"someone-else\"}");
        assertEquals(r.body(), 400, r.statusCode());
        JsonNode p = json(r);
        assertEquals("urn:sotay:problem:validation", p.path("type").asText());
        assertEquals("publishedBy", p.path("errors").get(0).path("field").asText());
        assertEquals("unknown-field", p.path("errors").get(0).path("code").asText());
        assertEquals(before, total());
    }

    @Test
    public void validationNamesEveryFieldAtFault() {
        HttpResponse<String> r = post("{\"title\":\"   \",\"body\":\"" + "x".repeat(4001) + "\"}");
        assertEquals(400, r.statusCode());
        JsonNode errors = json(r).path("errors");
        assertEquals(2, errors.size());
        assertEquals("title", errors.get(0).path("field").asText());
        assertEquals("required", errors.get(0).path("code").asText());
        assertEquals("body", errors.get(1).path("field").asText());
        assertEquals("too-long", errors.get(1).path("code").asText());
    }

    @Test
    public void pagingHasAHardCap() {
        HttpResponse<String> r = get("/v1/sample/notices?limit=500", writer());
        assertEquals(400, r.statusCode());
        assertEquals("limit", json(r).path("errors").get(0).path("field").asText());
        HttpResponse<String> notANumber = get("/v1/sample/notices?limit=abc", writer());
        assertEquals(400, notANumber.statusCode());
        assertEquals("not-a-number", json(notANumber).path("errors").get(0).path("code").asText());
    }

    @Test
    public void publishReadAndUpdateWithOptimisticLocking() {
        HttpResponse<String> created = post("{\"title\":\"Họp chi bộ tháng 12\",\"body\":\"Đồng chí Nguyễn Thị Hồng chủ trì.\"}");
        assertEquals(created.body(), 201, created.statusCode());
        JsonNode n = json(created);
        String id = n.path("id").asText();
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/v1/sample/notices/" + id));
        assertEquals("itest-writer", n.path("publishedBy").asText());

        HttpResponse<String> read = get("/v1/sample/notices/" + id, writer());
        assertEquals(200, read.statusCode());
        assertEquals("Họp chi bộ tháng 12", json(read).path("title").asText());
        assertTrue(json(read).path("publishedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/v1/sample/notices/" + id, concat(writer(), "If-None-Match", etag)).statusCode());

        long version = n.path("version").asLong();
        String edit = "{\"title\":\"Họp chi bộ tháng 12 (dời ngày)\",\"body\":\"Dời sang thứ Bảy.\",\"version\":" + version + "}";
        HttpResponse<String> updated = http("PUT", "/v1/sample/notices/" + id, edit, writer());
        assertEquals(updated.body(), 200, updated.statusCode());
        assertEquals(version + 1, json(updated).path("version").asLong());
        HttpResponse<String> stale = http("PUT", "/v1/sample/notices/" + id, edit, writer());
        assertEquals(409, stale.statusCode());
        assertEquals("urn:sotay:problem:stale-version", json(stale).path("type").asText());
        assertEquals(404, get("/v1/sample/notices/no-such-id", writer()).statusCode());
        assertEquals("reading needs a token", 401, get("/v1/sample/notices/" + id).statusCode());
    }

    @Test
    public void bodiesOverTheLimitAre413AndTheLimitIsLive() throws Exception {
        ServiceReference<ConfigurationAdmin> ref = bundleContext.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin cm = bundleContext.getService(ref);
        Configuration c = cm.getConfiguration("org.sotay.core.rest", null);
        Dictionary<String, Object> original = c.getProperties();
        Dictionary<String, Object> small = new Hashtable<>();
        small.put("maxRequestBytes", 1024L);
        c.update(small);
        try {
            String big = "{\"title\":\"t\",\"body\":\"" + "x".repeat(2000) + "\"}";
            await("the new limit to apply without a restart", 20, () -> post(big).statusCode() == 413);
            HttpResponse<String> r = post(big);
            assertEquals("urn:sotay:problem:payload-too-large", json(r).path("type").asText());
        } finally {
            c.update(original == null ? new Hashtable<>() : original);
        }
        await("the default limit back", 20, () -> post("{\"title\":\"t\",\"body\":\"" + "x".repeat(2000) + "\"}").statusCode() == 201);
    }

    @Test
    public void corsAnswersOnlyConfiguredOrigins() {
        HttpResponse<String> r = http("OPTIONS", "/v1/sample/notices", null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");
        assertFalse(r.headers().firstValue("Access-Control-Allow-Methods").isPresent());
        assertFalse(get("/v1/health", "Origin", "https://evil.example").headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    public void openApiDescribesTheInstalledEndpoints() {
        HttpResponse<String> r = get("/openapi.json");
        assertEquals(200, r.statusCode());
        JsonNode doc = json(r);
        assertEquals("3.0.3", doc.path("openapi").asText());
        JsonNode post = doc.path("paths").path("/v1/sample/notices").path("post");
        assertEquals("sample.notice.write", post.path("x-sotay-permission").asText());
        assertNotNull(post.path("requestBody").path("content").path("application/json").path("schema"));
        assertTrue(doc.path("components").path("schemas").has("NoticeDraft"));
        assertEquals(0, doc.path("paths").path("/v1/health").path("get").path("security").size());
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/openapi.json", "If-None-Match", etag).statusCode());
    }

    private static String[] writer() {
        return new String[] { "Authorization", "Bearer " + WRITER_TOKEN, "Content-Type", "application/json" };
    }

    /** POSTs a notice at the root unit ({@code unitId} is added to the body). */
    private HttpResponse<String> post(String body) {
        String withUnit = body.startsWith("{") ? "{\"unitId\":\"" + rootUnit() + "\"," + body.substring(1) : body;
        return http("POST", "/v1/sample/notices", withUnit, writer());
    }

    private static long total() {
        return json(get("/v1/sample/notices?limit=1", writer())).path("total").asLong();
    }

    private static void assertNoStackTrace(HttpResponse<String> r) {
        assertFalse(r.body(), r.body().contains("Exception") || r.body().contains("\tat ") || r.body().contains(".java:"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
