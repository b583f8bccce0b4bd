package org.sotay.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The handbook over real HTTP with real accounts: an item published to one district is invisible in every
 * way to a member of another district (list, item, search, delta feed, bookmark, attachment: 404 or absent)
 * and visible to a member inside; a download cut in the middle resumes with Range and the checksum matches;
 * a sync with nothing new is one 304; the bytes of a first sync and of daily syncs are printed
 * ({@code HANDBOOK-BYTES}) for the docs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class HandbookIT extends SotayTestSupport {
    private static final String PASSWORD = "mat khau so tay 1";
    private static final HttpClient RAW = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    public void anItemForOneDistrictIsInvisibleElsewhereAndSyncsCheaplyInside() throws Exception {
        awaitHealthy();
        await("the handbook's paths", 120, () -> get("/openapi.json").body().contains("/v1/handbook/changes"));
        String admin = adminToken();
        String root = ok(bearer(admin, "GET", "/v1/org-units", null)).get(0).path("id").asText();
        JsonNode districts = ok(bearer(admin, "GET", "/v1/org-units/" + root + "/children?limit=10", null)).path("items");
        String districtA = districts.get(2).path("id").asText();
        String districtB = districts.get(3).path("id").asText();
        String inside = member(admin, districtA);
        String outside = member(admin, districtB);

        // a new member's first sync before this test's items: what is there for everyone
        String item = publish(admin, districtA, "Nghị quyết về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 1);
        byte[] pdf = pdf(300_000);
        JsonNode att = ok(http("POST", "/v1/handbook/editor/items/" + item + "/attachments?name=" + enc("Nghị quyết 05-NQ.pdf"), pdf, admin,
                "application/octet-stream"), true);
        assertEquals("application/pdf", att.path("mediaType").asText());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        assertEquals(sha, att.path("sha256").asText());
        String href = "/v1/handbook/items/" + item + "/attachments/" + att.path("id").asText();

        // ---- inside: everything works ----
        assertTrue(bearer(inside, "GET", "/v1/handbook/items?limit=50", null).body().contains(item));
        assertEquals(200, bearer(inside, "GET", "/v1/handbook/items/" + item, null).statusCode());
        assertEquals(item, ok(bearer(inside, "GET", "/v1/handbook/search?q=nghi+quyet+hoc+tap", null)).path("items").get(0).path("item").path("id").asText());
        await("the item in the feed (after the settling time)", 30, () -> bearer(inside, "GET", "/v1/handbook/changes", null).body().contains(item));
        assertEquals(204, bearer(inside, "PUT", "/v1/handbook/items/" + item + "/bookmark", null).statusCode());
        HttpResponse<byte[]> whole = raw("GET", href, inside);
        assertEquals(200, whole.statusCode());
        assertTrue(whole.headers().firstValue("Content-Disposition").orElse("").contains("filename*=UTF-8''Ngh%E1%BB%8B"));

        // a download cut at 120,000 bytes resumes there
        String etag = whole.headers().firstValue("ETag").get();
        HttpResponse<byte[]> first = raw("GET", href, inside, "Range", "bytes=0-119999");
        assertEquals(206, first.statusCode());
        assertEquals("bytes 0-119999/" + pdf.length, first.headers().firstValue("Content-Range").get());
        HttpResponse<byte[]> rest = raw("GET", href, inside, "Range", "bytes=120000-", "If-Range", etag);
        assertEquals(206, rest.statusCode());
        byte[] joined = new byte[first.body().length + rest.body().length];
        System.arraycopy(first.body(), 0, joined, 0, first.body().length);
        System.arraycopy(rest.body(), 0, joined, first.body().length, rest.body().length);
        assertEquals("the resumed download's checksum", sha, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(joined)));
        assertEquals(304, raw("GET", href, inside, "If-None-Match", etag).statusCode());

        // ---- outside: nothing, and not found exactly as an unknown id ----
        assertFalse(bearer(outside, "GET", "/v1/handbook/items?limit=200", null).body().contains(item));
        assertEquals(404, bearer(outside, "GET", "/v1/handbook/items/" + item, null).statusCode());
        assertEquals(0, ok(bearer(outside, "GET", "/v1/handbook/search?q=nghi+quyet+hoc+tap", null)).path("total").asInt());
        assertFalse(bearer(outside, "GET", "/v1/handbook/changes", null).body().contains(item));
        assertEquals(404, bearer(outside, "PUT", "/v1/handbook/items/" + item + "/bookmark", null).statusCode());
        assertEquals(404, raw("GET", href, outside).statusCode());
        assertEquals(404, raw("GET", href, outside, "Range", "bytes=0-9").statusCode());
        assertEquals(json(bearer(outside, "GET", "/v1/handbook/items/00000000-0000-0000-0000-000000000000", null)).path("detail"),
                json(bearer(outside, "GET", "/v1/handbook/items/" + item, null)).path("detail"));

        // ---- the bytes of syncing ----
        for (int i = 0; i < 19; i++) {
            publish(admin, root, "Chuyên đề sinh hoạt chi bộ số " + (i + 1) + ": xây dựng Đảng trong sạch, vững mạnh", i + 2);
        }
        String newcomer = member(admin, districtA);
        await("every item in the feed", 30, () -> json(bearer(newcomer, "GET", "/v1/handbook/changes?limit=200", null)).path("items").size() >= 20);
        HttpResponse<byte[]> plain = raw("GET", "/v1/handbook/changes?limit=200", newcomer);
        HttpResponse<byte[]> zipped = raw("GET", "/v1/handbook/changes?limit=200", newcomer, "Accept-Encoding", "gzip");
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""));
        assertArrayEquals(plain.body(), new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes());
        JsonNode firstSync = JSON.readTree(plain.body());
        String cursor = firstSync.path("next").asText();
        int entries = firstSync.path("items").size();
        // day 2, nothing new: the empty delta once, then a bodiless 304 every day after
        HttpResponse<byte[]> empty = raw("GET", "/v1/handbook/changes?since=" + cursor, newcomer, "Accept-Encoding", "gzip");
        assertEquals(0, JSON.readTree(empty.body()).path("items").size());
        String emptyTag = empty.headers().firstValue("ETag").get();
        HttpResponse<byte[]> notModified = raw("GET", "/v1/handbook/changes?since=" + cursor, newcomer, "Accept-Encoding", "gzip", "If-None-Match", emptyTag);
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);
        // a day with one new item
        publish(admin, root, "Tin mới: hội nghị sơ kết công tác tháng", 99);
        await("the new item", 30, () -> raw("GET", "/v1/handbook/changes?since=" + cursor, newcomer, "If-None-Match", emptyTag).statusCode() == 200
                && json(bearer(newcomer, "GET", "/v1/handbook/changes?since=" + enc(cursor), null)).path("items").size() == 1);
        HttpResponse<byte[]> onePlain = raw("GET", "/v1/handbook/changes?since=" + cursor, newcomer);
        HttpResponse<byte[]> oneZipped = raw("GET", "/v1/handbook/changes?since=" + cursor, newcomer, "Accept-Encoding", "gzip");
        System.out.printf("HANDBOOK-BYTES first sync (%d entries): %d plain, %d gzip; nothing new: %d (first time, an empty delta), then 304 with %d body bytes;"
                + " one new item: %d plain, %d gzip%n", entries, plain.body().length, zipped.body().length, empty.body().length, notModified.body().length,
                onePlain.body().length, oneZipped.body().length);
        assertTrue(zipped.body().length < plain.body().length);

        // the packet: resumable, with an ETag
        HttpResponse<byte[]> packet = raw("GET", "/v1/handbook/packet", newcomer);
        assertEquals(200, packet.statusCode());
        assertEquals("bytes", packet.headers().firstValue("Accept-Ranges").orElse(""));
    }

    /**
     * The demo library is off in the distribution (no {@code etc/org.sotay.handbook.demo.cfg}: {@code ./run} writes it
     * for its demo instance only) and in the tests; configured on a handbook that has items, it writes nothing and says so.
     */
    @Test
    public void theDemoLibraryIsOffUnlessConfiguredAndNeverWritesIntoAHandbookWithItems() throws Exception {
        awaitHealthy();
        assertFalse("the distribution ships no demo library file",
                java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("karaf.etc"), "org.sotay.handbook.demo.cfg")));
        org.osgi.service.cm.ConfigurationAdmin cm = bundleContext.getService(bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        assertEquals(null, cm.listConfigurations("(service.pid=org.sotay.handbook.demo)"));
        assertFalse(get("/v1/health").body().contains("handbook-demo"));

        String admin = adminToken();
        String root = ok(bearer(admin, "GET", "/v1/org-units", null)).get(0).path("id").asText();
        // to a district no other test reads from, so their figures stay theirs
        String district = ok(bearer(admin, "GET", "/v1/org-units/" + root + "/children?limit=10", null)).path("items").get(6).path("id").asText();
        publish(admin, district, "Nghị quyết trước thư viện mẫu", 99);
        long before = ok(bearer(admin, "GET", "/v1/handbook/editor/items?limit=1", null)).path("total").asLong();
        org.osgi.service.cm.Configuration c = cm.getConfiguration("org.sotay.handbook.demo", null);
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put("readPercent", 70);
        c.update(props);
        try {
            await("the demo library's decision", 60, () -> {
                for (JsonNode check : json(get("/v1/health", "Authorization", "Bearer " + admin)).path("checks")) {
                    if ("handbook-demo".equals(check.path("name").asText())) {
                        return check.path("details").path("demo").asText().contains("already has items");
                    }
                }
                return false;
            });
            assertEquals(before, ok(bearer(admin, "GET", "/v1/handbook/editor/items?limit=1", null)).path("total").asLong());
        } finally {
            c.delete();
        }
        await("the demo library gone with its configuration", 30, () -> !get("/v1/health").body().contains("handbook-demo"));
    }

    private String publish(String admin, String unit, String title, int n) {
        String body = "## " + title + "\n\n" + "Đảng viên nghiên cứu, quán triệt và thực hiện nghiêm túc nội dung văn bản. ".repeat(12)
                + "\n\n<script>alert(1)</script><img src=x onerror=alert(2)>";
        JsonNode draft = ok(bearer(admin, "POST", "/v1/handbook/editor/items", "{\"kind\":\"resolution\",\"title\":" + quote(title)
                + ",\"summary\":\"Tóm tắt văn bản số " + n + "\",\"body\":" + quote(body) + ",\"issuer\":\"Tỉnh ủy\",\"documentNumber\":\"" + n
                + "-NQ/TU\",\"ownerUnitId\":\"" + rootUnit() + "\",\"audience\":{\"unitIds\":[\"" + unit + "\"]},\"tags\":[\"Nghị quyết\"]}"));
        assertFalse(draft.path("bodyHtml").asText().contains("script"));
        assertFalse(draft.path("bodyHtml").asText().contains("onerror"));
        ok(bearer(admin, "POST", "/v1/handbook/editor/items/" + draft.path("id").asText() + "/publish", "{\"version\":" + draft.path("version").asLong() + "}"));
        return draft.path("id").asText();
    }

    /** A registered, signed-in member of an official member without an account in {@code unit}'s subtree. */
    private static String member(String admin, String unit) {
        JsonNode m = ok(bearer(admin, "GET", "/v1/members?unit=" + unit + "&status=OFFICIAL&accountRegistered=false&limit=1", null)).path("items").get(0);
        String code = ok(bearer(admin, "POST", "/v1/activation-codes", "{\"memberId\":\"" + m.path("id").asText() + "\"}")).path("code").asText();
        ok(bearer(null, "POST", "/v1/auth/register", "{\"cardNumber\":\"" + m.path("cardNumber").asText() + "\",\"dateOfBirth\":\""
                + m.path("dateOfBirth").asText() + "\",\"activationCode\":\"" + code + "\",\"password\":\"" + PASSWORD + "\"}"));
        return tokenOf(m.path("cardNumber").asText(), PASSWORD);
    }

    private static byte[] pdf(int size) {
        byte[] b = new byte[size];
        byte[] head = "%PDF-1.4\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, b, 0, head.length);
        for (int i = head.length; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode ok(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(r.uri() + ": " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }

    private static JsonNode ok(HttpResponse<byte[]> r, boolean bytes) throws IOException {
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(r.uri() + ": " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(r.body());
    }

    private static HttpResponse<byte[]> http(String method, String path, byte[] body, String token, String type) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Bearer " + token).header("Content-Type", type).build());
    }

    /** An exchange whose body is read as bytes exactly as sent (no decompression). */
    private static HttpResponse<byte[]> raw(String method, String path, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    private static HttpResponse<byte[]> send(HttpRequest r) {
        try {
            return RAW.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(r.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
