package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reporting over real HTTP on the demo province: the first figures are built from the registry on
 * their own, they match the seed's shares (84.4% of all, 104% of the target group, flagged and
 * explained), the level below adds up, a poll that changed nothing is a 304, a member created
 * through the registry's API shows in the figures through the events, exports open, and a caller of
 * one district sees that district only; after a rebuild the figures are the registry's own counts.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ReportingIT extends SotayTestSupport {
    private static String admin;
    private static String root;

    @Before
    public void ready() {
        registerTestAuth();
        awaitHealthy();
        if (admin == null) {
            admin = adminToken();
            root = ok(bearer(admin, "GET", "/v1/org-units", null)).get(0).path("id").asText();
            // the first figures are built in the background once the registry has its tree
            await("the first figures", 120, () -> bearer(admin, "GET", "/v1/reports/adoption/" + root, null).statusCode() == 200);
        }
    }

    @Test
    public void theRootShowsTheSeedsSharesAndTheLevelBelowAddsUp() {
        HttpResponse<String> first = bearer(admin, "GET", "/v1/reports/adoption/" + root, null);
        JsonNode r = ok(first);
        JsonNode a = r.path("total").path("figures");
        long installed = Math.round(DEMO_MEMBERS * 48597.0 / 57597);
        // other tests may add a member or two while this suite runs
        assertTrue(a.toString(), a.path("members").asLong() >= DEMO_MEMBERS && a.path("members").asLong() < DEMO_MEMBERS + 10);
        assertEquals(installed, a.path("installed").asLong());
        assertEquals("84.4", a.path("installedOfAll").path("percent").asText());
        assertEquals("104.0", a.path("installedOfTarget").path("percent").asText());
        assertTrue(a.path("installedOfTarget").path("over100").asBoolean());
        assertEquals("installed-outside-target", a.path("installedOfTarget").path("reason").path("code").asText());
        assertEquals(a.path("members").asLong(), a.path("exempt").asLong() + a.path("withoutSmartphone").asLong() + a.path("target").asLong());
        long members = 0;
        for (JsonNode c : r.path("children")) {
            members += c.path("figures").path("members").asLong();
        }
        assertEquals(10, r.path("children").size());
        assertEquals(a.path("members").asLong(), members);
        // a poll with the ETag costs a 304
        String tag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, http("GET", "/v1/reports/adoption/" + root, null, "Authorization", "Bearer " + admin, "If-None-Match", tag).statusCode());
    }

    @Test
    public void aMemberAddedThroughTheRegistryIsCountedThroughTheEvents() {
        JsonNode cell = ok(bearer(admin, "GET", "/v1/members?limit=1&status=OFFICIAL", null)).path("items").get(0);
        String cellId = cell.path("cellId").asText();
        long before = ok(bearer(admin, "GET", "/v1/reports/adoption/" + cellId, null)).path("total").path("figures").path("target").asLong();
        String card = String.format("07%08d", System.nanoTime() % 100_000_000L);
        HttpResponse<String> created = bearer(admin, "POST", "/v1/members", "{\"cardNumber\":\"" + card + "\",\"fullName\":\"Hoàng Thị Thu\","
                + "\"dateOfBirth\":\"1980-04-02\",\"gender\":\"FEMALE\",\"dateAdmitted\":\"2005-05-19\",\"dateOfficial\":\"2006-05-19\",\"cellId\":\""
                + cellId + "\",\"usesSmartphone\":true}");
        assertEquals(created.body(), 201, created.statusCode());
        await("the new member in the cell's figures", 60, () -> ok(bearer(admin, "GET", "/v1/reports/adoption/" + cellId, null)).path("total")
                .path("figures").path("target").asLong() == before + 1);
    }

    @Test
    public void exportsAndChartsOpen() throws Exception {
        HttpResponse<String> csv = bearer(admin, "GET", "/v1/reports/adoption/" + root + "/export?format=csv", null);
        assertEquals(csv.body(), 200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("\uFEFFMã đơn vị,Đơn vị,"));
        assertEquals(12, csv.body().split("\r\n").length); // header, the province, its 10 children
        HttpResponse<byte[]> xlsx = bytes(admin, "/v1/reports/adoption/" + root + "/export?format=xlsx");
        assertEquals(200, xlsx.statusCode());
        assertEquals('P', xlsx.body()[0]);
        assertEquals('K', xlsx.body()[1]);
        assertTrue(xlsx.headers().firstValue("Content-Disposition").orElse("").contains(".xlsx"));
        HttpResponse<String> svg = bearer(admin, "GET", "/v1/reports/adoption/" + root + "/chart?type=bars", null);
        assertEquals(200, svg.statusCode());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        assertEquals("svg", f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.body().getBytes(StandardCharsets.UTF_8))).getDocumentElement()
                .getLocalName());
        HttpResponse<String> wrong = bearer(admin, "GET", "/v1/reports/adoption/" + root + "/export?format=pdf", null);
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("\"format\""));
    }

    @Test
    public void aDistrictSeesItselfOnlyAndTheRebuildIsTheRootsAndChangesNothing() {
        JsonNode children = ok(bearer(admin, "GET", "/v1/reports/adoption/" + root, null)).path("children");
        String district = children.get(0).path("unit").path("id").asText();
        String other = children.get(1).path("unit").path("id").asText();
        CALLERS.put("report-district", callerAt("report-district", Set.of(district), Set.of("reporting.read")));
        assertEquals(200, bearer("report-district", "GET", "/v1/reports/adoption/" + district, null).statusCode());
        assertEquals(404, bearer("report-district", "GET", "/v1/reports/adoption/" + other, null).statusCode());
        assertEquals(404, bearer("report-district", "GET", "/v1/reports/adoption/" + root, null).statusCode());
        assertEquals(403, bearer("report-district", "POST", "/v1/reports/rebuild", null).statusCode());
        assertEquals(401, http("GET", "/v1/reports/adoption/" + root, null).statusCode());
        assertEquals(400, bearer(admin, "GET", "/v1/reports/adoption/" + root + "?at=999999999-01-01", null).statusCode());

        HttpResponse<String> started = bearer(admin, "POST", "/v1/reports/rebuild", null);
        assertEquals(started.body(), 202, started.statusCode());
        String job = json(started).path("id").asText();
        await("the rebuild", 120, () -> !"RUNNING".equals(ok(bearer(admin, "GET", "/v1/reports/rebuild/" + job, null)).path("status").asText()));
        JsonNode done = ok(bearer(admin, "GET", "/v1/reports/rebuild/" + job, null));
        assertEquals(done.toString(), "DONE", done.path("status").asText());
        assertTrue(done.toString(), done.path("result").asText().contains("\"unitsCorrected\":"));
        // and the figures are the registry's own counts, through both modules' APIs
        await("reporting's root figures equal the registry's counts", 60, () -> {
            JsonNode reg = ok(bearer(admin, "GET", "/v1/org-units/" + root, null));
            JsonNode fig = ok(bearer(admin, "GET", "/v1/reports/adoption/" + root, null)).path("total").path("figures");
            return reg.path("activeMembers").asLong() == fig.path("members").asLong() && reg.path("appInstalled").asLong() == fig.path("installed").asLong()
                    && reg.path("accountRegistered").asLong() == fig.path("registered").asLong();
        });
    }

    @Test
    public void aMeetingRecordedThroughTheMeetingsModuleShowsInTheCellsActivity() {
        JsonNode someone = ok(bearer(admin, "GET", "/v1/members?limit=1&status=OFFICIAL", null)).path("items").get(0);
        String cell = someone.path("cellId").asText();
        java.time.LocalDate yesterday = java.time.LocalDate.now(VIETNAM).minusDays(1);
        String period = yesterday.toString().substring(0, 7);
        // a meeting held yesterday and recorded afterwards, its attendance recorded
        HttpResponse<String> created = bearer(admin, "POST", "/v1/meetings", "{\"unitId\":\"" + cell + "\",\"kindCode\":\"REGULAR\",\"title\":\"Sinh hoạt chi bộ\","
                + "\"date\":\"" + yesterday + "\",\"time\":\"08:00\",\"venueText\":\"Nhà văn hóa thôn\"}");
        assertEquals(created.body(), 201, created.statusCode());
        String meeting = json(created).path("id").asText();
        ok(bearer(admin, "POST", "/v1/meetings/" + meeting + "/attendance", "{\"marks\":[{\"memberId\":\"" + someone.path("id").asText()
                + "\",\"state\":\"PRESENT\"}]}"));
        ok(bearer(admin, "POST", "/v1/meetings/" + meeting + "/held", null));
        await("the cell's activity", 60, () -> {
            JsonNode steps = ok(bearer(admin, "GET", "/v1/reports/activity/" + cell + "?period=" + period, null)).path("total").path("steps");
            return steps.get(0).path("cells").asLong() == 1 && steps.get(3).path("cells").asLong() == 1;
        });
        JsonNode attendance = ok(bearer(admin, "GET", "/v1/reports/attendance/" + cell + "?period=" + period, null)).path("total").path("total");
        assertTrue(attendance.toString(), attendance.path("meetings").asLong() >= 1 && attendance.path("presentOfficial").asLong() >= 1);
        JsonNode root = ok(bearer(admin, "GET", "/v1/reports/activity/" + ReportingIT.root + "?period=" + period, null));
        assertTrue(root.path("total").path("used").path("numerator").asLong() >= 1);
        assertEquals(80, root.path("goalPercent").asInt());
        // the other lists and exports answer
        JsonNode help = ok(bearer(admin, "GET", "/v1/reports/cells-needing-help/" + ReportingIT.root + "?period=" + period + "&limit=5", null));
        assertTrue(help.path("total").asLong() > 0);
        assertEquals(11, ok(bearer(admin, "GET", "/v1/reports/connectivity/" + ReportingIT.root + "?period=" + period, null)).size());
        assertEquals(200, bearer(admin, "GET", "/v1/reports/reading/" + ReportingIT.root, null).statusCode());
        HttpResponse<String> csv = bearer(admin, "GET", "/v1/reports/activity/" + ReportingIT.root + "/export?period=" + period, null);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().startsWith("\uFEFFMã đơn vị,Đơn vị,Số chi bộ,"));
        assertEquals(400, bearer(admin, "GET", "/v1/reports/activity/" + ReportingIT.root + "?period=2026-13", null).statusCode());
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertEquals(r.body(), 200, r.statusCode());
        return json(r);
    }

    private static HttpResponse<byte[]> bytes(String token, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
