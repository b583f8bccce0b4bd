package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.ServiceReference;
import org.sotay.core.api.VietnameseText;

import com.fasterxml.jackson.databind.JsonNode;

/** The member registry over real HTTP on the demo province: counts, search, scope, restructuring with history. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class RegistryIT extends SotayTestSupport {
    private static final Set<String> ALL = Set.of("registry.read", "registry.member.write", "registry.unit.write");
    static String root;
    static String district1;
    static String district2;

    @Before
    public void ready() throws Exception {
        registerTestAuth();
        awaitHealthy();
        if (root == null) {
            root = unitId("TQ");
            district1 = unitId("TQ.01");
            district2 = unitId("TQ.02");
            CALLERS.put("province-admin", callerAt("province-admin", Set.of(root), ALL));
            CALLERS.put("district-1", callerAt("district-1", Set.of(district1), ALL));
        }
    }

    /** Fixture lookup straight from the database: the test needs ids the demo generated. */
    private String unitId(String code) throws Exception {
        ServiceReference<?>[] refs = bundleContext.getServiceReferences(DataSource.class.getName(), "(osgi.jndi.service.name=sotay)");
        DataSource ds = (DataSource) bundleContext.getService(refs[0]);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT ID FROM REG_UNIT WHERE CODE = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue("unit " + code + " exists", rs.next());
                return rs.getString(1);
            }
        }
    }

    private static HttpResponse<String> as(String token, String method, String path, String body) {
        return http(method, path, body, "Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertEquals(r.body(), 200, r.statusCode());
        return json(r);
    }

    /**
     * The unscoped member directory is handed only to the bundles the registry trusts: this test's
     * own bundle asks for it and gets nothing, while the identity module, which is trusted, works
     * (every sign-in of the suite goes through it).
     */
    @Test
    public void theUnscopedDirectoryIsHandedToTrustedBundlesOnly() {
        org.osgi.framework.ServiceReference<?> ref = bundleContext.getServiceReference("org.sotay.registry.api.directory.MemberDirectory");
        assertTrue("the directory is registered", ref != null);
        assertEquals("an untrusted bundle is refused", null, bundleContext.getService(ref));
    }

    @Test
    public void theRootShowsTheProvincesCounts() {
        JsonNode s = ok(as("province-admin", "GET", "/v1/org-units/" + root, null));
        assertEquals("TQ", s.path("unit").path("code").asText());
        long members = s.path("members").asLong();
        assertTrue("the demo's members, plus the few other tests add: " + members, members >= DEMO_MEMBERS && members < DEMO_MEMBERS + 10);
        long installed = s.path("appInstalled").asLong();
        long target = s.path("smartphoneUsers").asLong();
        assertEquals(Math.round(DEMO_MEMBERS * 48597.0 / 57597), installed);
        assertEquals("installed / target group = 104%", 104, Math.round(100.0 * installed / target));
        assertEquals(10, s.path("children").asInt());
        JsonNode level = ok(as("province-admin", "GET", "/v1/org-units/" + root + "/children/summary", null));
        long sum = 0;
        for (JsonNode child : level) {
            sum += child.path("members").asLong();
        }
        assertEquals("the level below adds up", members, sum);
    }

    @Test
    public void aNameTypedWithoutDiacriticsIsFoundAndResultsAreInVietnameseOrder() {
        JsonNode page = ok(as("province-admin", "GET", "/v1/members?limit=50", null));
        List<String> names = new ArrayList<>();
        page.path("items").forEach(m -> names.add(m.path("fullName").asText()));
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(java.util.Comparator.comparing(VietnameseText::nameSortKey));
        assertEquals("Vietnamese order, given name first", sorted, names);

        String name = names.stream().filter(n -> !n.equals(strip(n))).findFirst().orElseThrow();
        String plain = strip(name);
        JsonNode found = ok(as("province-admin", "GET", "/v1/members?limit=200&q=" + URLEncoder.encode(plain, StandardCharsets.UTF_8), null));
        boolean hit = false;
        for (JsonNode m : found.path("items")) {
            hit |= m.path("fullName").asText().equals(name);
        }
        assertTrue(plain + " finds " + name, hit);
    }

    @Test
    public void aDistrictCallerSeesOnlyItsDistrict() {
        long mine = ok(as("district-1", "GET", "/v1/members?limit=1", null)).path("total").asLong();
        long district1Total = ok(as("province-admin", "GET", "/v1/members?limit=1&unit=" + district1, null)).path("total").asLong();
        assertEquals(district1Total, mine);
        assertTrue(mine > 0 && mine < DEMO_MEMBERS);

        String otherMember = ok(as("province-admin", "GET", "/v1/members?limit=1&unit=" + district2, null))
                .path("items").get(0).path("id").asText();
        HttpResponse<String> r = as("district-1", "GET", "/v1/members/" + otherMember, null);
        assertEquals(404, r.statusCode());
        assertFalse("no data of the other district in the answer", r.body().contains("cardNumber"));
        assertEquals(404, as("district-1", "GET", "/v1/org-units/" + district2, null).statusCode());
        assertEquals(404, as("district-1", "GET", "/v1/members?unit=" + district2, null).statusCode());
        assertEquals(403, as(READER_TOKEN, "GET", "/v1/members", null).statusCode());
    }

    @Test
    public void mergingTwoCellsKeepsHistory() {
        // two cells of the same grassroots committee in district 1
        JsonNode grassroots = ok(as("province-admin", "GET", "/v1/org-units/" + district1 + "/children?limit=1", null)).path("items").get(0);
        JsonNode cells = ok(as("province-admin", "GET", "/v1/org-units/" + grassroots.path("id").asText() + "/children?limit=2", null))
                .path("items");
        String a = cells.get(0).path("id").asText();
        String b = cells.get(1).path("id").asText();
        JsonNode memberOfA = ok(as("province-admin", "GET", "/v1/org-units/" + a + "/members?limit=1", null)).path("items").get(0);
        String member = memberOfA.path("id").asText();
        long aMembers = ok(as("province-admin", "GET", "/v1/org-units/" + a, null)).path("members").asLong();
        long bMembers = ok(as("province-admin", "GET", "/v1/org-units/" + b, null)).path("members").asLong();

        LocalDate today = LocalDate.now(VIETNAM);
        LocalDate before = today.minusDays(1);
        HttpResponse<String> merged = as("province-admin", "POST", "/v1/org-units/" + a + "/merge",
                "{\"targetId\":\"" + b + "\",\"effective\":\"" + today + "\",\"reason\":\"Sáp nhập thôn\"}");
        assertEquals(merged.body(), 200, merged.statusCode());

        assertEquals(aMembers + bMembers, ok(as("province-admin", "GET", "/v1/org-units/" + b, null)).path("members").asLong());
        assertEquals(a, ok(as("province-admin", "GET", "/v1/members/" + member + "/cell?at=" + before, null)).path("cellId").asText());
        assertEquals(b, ok(as("province-admin", "GET", "/v1/members/" + member + "/cell?at=" + today, null)).path("cellId").asText());

        String g = grassroots.path("id").asText();
        assertTrue("the tree before the merge has the old cell",
                ok(as("province-admin", "GET", "/v1/org-units/" + g + "/tree?at=" + before, null)).toString().contains(a));
        assertFalse("today's tree has not",
                ok(as("province-admin", "GET", "/v1/org-units/" + g + "/tree", null)).toString().contains(a));
        JsonNode closed = ok(as("province-admin", "GET", "/v1/org-units/" + a, null)).path("unit");
        assertEquals(today.toString(), closed.path("validTo").asText());

        HttpResponse<String> again = as("province-admin", "POST", "/v1/org-units/" + a + "/merge", "{\"targetId\":\"" + b + "\"}");
        assertEquals("a closed unit takes no more writes", 409, again.statusCode());
    }

    @Test
    public void splittingACellMovesTheChosenMembersOnly() throws Exception {
        String cell = firstCell(district2);
        JsonNode members = ok(as("province-admin", "GET", "/v1/org-units/" + cell + "/members?limit=3", null)).path("items");
        long before = ok(as("province-admin", "GET", "/v1/org-units/" + cell, null)).path("members").asLong();
        String a = members.get(0).path("id").asText();
        String b = members.get(1).path("id").asText();
        HttpResponse<String> split = as("province-admin", "POST", "/v1/org-units/" + cell + "/split",
                "{\"newUnit\":{\"code\":\"TQ.SPLIT.1\",\"name\":\"Chi bộ thôn Nà Tông 2\"},\"memberIds\":[\"" + a + "\",\"" + b
                        + "\"],\"reason\":\"Tách thôn\"}");
        assertEquals(split.body(), 201, split.statusCode());
        String created = json(split).path("id").asText();
        assertEquals(2, ok(as("province-admin", "GET", "/v1/org-units/" + created, null)).path("members").asLong());
        assertEquals(before - 2, ok(as("province-admin", "GET", "/v1/org-units/" + cell, null)).path("members").asLong());
        assertEquals(created, ok(as("province-admin", "GET", "/v1/members/" + a + "/cell", null)).path("cellId").asText());

        HttpResponse<String> wrong = as("province-admin", "POST", "/v1/org-units/" + cell + "/split",
                "{\"newUnit\":{\"code\":\"TQ.SPLIT.2\",\"name\":\"X\"},\"memberIds\":[\"" + a + "\"]}");
        assertEquals("a member no longer in the cell cannot move: nothing is created", 400, wrong.statusCode());
        assertEquals("the refused split left no unit behind", 0, unitCount("TQ.SPLIT.2"));
    }

    private int unitCount(String code) throws Exception {
        ServiceReference<?>[] refs = bundleContext.getServiceReferences(DataSource.class.getName(), "(osgi.jndi.service.name=sotay)");
        DataSource ds = (DataSource) bundleContext.getService(refs[0]);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM REG_UNIT WHERE CODE = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    public void membersAreValidatedAndCardsAreUnique() {
        String cell = firstCell(district1);
        HttpResponse<String> bad = as("district-1", "POST", "/v1/members", "{\"cardNumber\":\"12\",\"fullName\":\"Lò Văn Pó\","
                + "\"dateOfBirth\":\"2010-01-01\",\"gender\":\"MALE\",\"dateAdmitted\":\"2020-01-01\",\"cellId\":\"" + cell + "\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body(), bad.body().contains("\"cardNumber\"") && bad.body().contains("before-admission-age"));

        String body = "{\"cardNumber\":\"09 123 456 78\",\"fullName\":\"Lò Văn Pó\",\"dateOfBirth\":\"1980-04-02\",\"gender\":\"MALE\","
                + "\"ethnicity\":\"Thái\",\"dateAdmitted\":\"2010-05-19\",\"dateOfficial\":\"2011-05-19\",\"cellId\":\"" + cell + "\","
                + "\"usesSmartphone\":true}";
        HttpResponse<String> created = as("district-1", "POST", "/v1/members", body);
        assertEquals(created.body(), 201, created.statusCode());
        JsonNode m = json(created);
        assertEquals("0912345678", m.path("cardNumber").asText());
        assertEquals("OFFICIAL", m.path("status").asText());
        assertEquals(409, as("district-1", "POST", "/v1/members", body).statusCode());
        assertTrue(ok(as("district-1", "GET", "/v1/members?q=lo%20van%20po", null)).toString().contains(m.path("id").asText()));

        HttpResponse<String> massAssign = as("district-1", "POST", "/v1/members", body.replace("}", ",\"status\":\"OFFICIAL\"}"));
        assertEquals(400, massAssign.statusCode());
        assertTrue(massAssign.body().contains("unknown-field"));

        String otherCell = firstCell(district2);
        HttpResponse<String> outside = as("district-1", "POST", "/v1/members", body.replace(cell, otherCell).replace("09 123 456 78", "0912345679"));
        assertEquals("a cell outside the caller's district does not exist for them", 404, outside.statusCode());
        assertNotEquals(otherCell, cell);
    }

    @Test
    public void transfersKeepTheHistoryAndExportsAreCsv() throws Exception {
        String from = firstCell(district1);
        JsonNode m = ok(as("province-admin", "GET", "/v1/org-units/" + from + "/members?limit=1", null)).path("items").get(0);
        String id = m.path("id").asText();
        String to = firstCell(district2);
        LocalDate today = LocalDate.now(VIETNAM);
        // the transfer is announced through the outbox, after its commit, once
        List<org.osgi.service.event.Event> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.Hashtable<String, Object> topic = new java.util.Hashtable<>();
        topic.put(org.osgi.service.event.EventConstants.EVENT_TOPIC, "org/sotay/registry/member/TRANSFERRED");
        org.osgi.framework.ServiceRegistration<org.osgi.service.event.EventHandler> listener = bundleContext.registerService(
                org.osgi.service.event.EventHandler.class, heard::add, topic);
        HttpResponse<String> denied = as("district-1", "POST", "/v1/members/" + id + "/transfers",
                "{\"toCellId\":\"" + to + "\",\"kind\":\"OFFICIAL\",\"version\":" + m.path("version").asLong() + "}");
        assertEquals("a district cannot move a member into a cell it does not see", 404, denied.statusCode());
        HttpResponse<String> moved = as("province-admin", "POST", "/v1/members/" + id + "/transfers",
                "{\"toCellId\":\"" + to + "\",\"kind\":\"OFFICIAL\",\"reason\":\"Chuyển nơi cư trú\",\"version\":"
                        + m.path("version").asLong() + "}");
        assertEquals(moved.body(), 200, moved.statusCode());
        assertEquals(to, json(moved).path("cellId").asText());
        JsonNode history = ok(as("province-admin", "GET", "/v1/members/" + id + "/transfers", null));
        assertEquals(2, history.size());
        assertEquals(from, history.get(0).path("unitId").asText());
        assertEquals(today.toString(), history.get(0).path("validTo").asText());
        assertEquals("Chuyển nơi cư trú", history.get(1).path("reason").asText());
        assertEquals("the old district no longer sees the member", 404, as("district-1", "GET", "/v1/members/" + id, null).statusCode());
        await("the transfer event", 20, () -> heard.stream().anyMatch(e -> id.equals(e.getProperty("id"))));
        listener.unregister();
        List<org.osgi.service.event.Event> mine = heard.stream().filter(e -> id.equals(e.getProperty("id"))).toList();
        assertEquals("one event for one committed transfer (the refused one made none)", 1, mine.size());
        assertEquals(List.of(from, to), List.of((String[]) mine.get(0).getProperty("units")));
        assertEquals(36, ((String) mine.get(0).getProperty("eventId")).length());

        HttpResponse<String> csv = http("GET", "/v1/org-units/" + district1 + "/members/export", null, "Authorization", "Bearer district-1");
        assertEquals(csv.body(), 200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertTrue(lines[0].startsWith("\uFEFFcardNumber,fullName,"));
        long total = ok(as("district-1", "GET", "/v1/members?limit=1", null)).path("total").asLong();
        assertEquals("one line per member of the district, and the header", total + 1, lines.length);
        assertEquals(404, http("GET", "/v1/org-units/" + district2 + "/members/export", null, "Authorization", "Bearer district-1").statusCode());
    }

    @Test
    public void importsAreAllOrNothingAndReRunsChangeNothing() {
        // an export imports back as it is: every row unchanged
        String exported = http("GET", "/v1/org-units/" + district1 + "/members/export", null, "Authorization", "Bearer province-admin").body();
        int lines = exported.split("\r\n").length - 1;
        JsonNode back = json(importCsv("province-admin", exported, false));
        assertTrue(back.toString(), back.path("applied").asBoolean());
        assertEquals(lines, back.path("unchanged").asInt());
        assertEquals(0, back.path("created").asInt() + back.path("updated").asInt());

        String cell = firstCell(district1);
        String cellCode = ok(as("province-admin", "GET", "/v1/org-units/" + cell, null)).path("unit").path("code").asText();
        JsonNode someone = ok(as("province-admin", "GET", "/v1/org-units/" + cell + "/members?limit=1", null)).path("items").get(0);
        String header = "Số thẻ,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Ngày vào Đảng,Ngày chính thức,Mã chi bộ,Điện thoại thông minh\r\n";
        String good = "0877700001,Hà Thị Mai,12/03/1985,Nữ,Tày,2010-05-19,2011-05-19," + cellCode + ",có\r\n"
                + "0877700002,\"Nông Văn Dũng\",1979-07-01,Nam,Dao,2005-02-03,2006-02-03," + cellCode + ",không\r\n";
        String conflict = someone.path("cardNumber").asText() + ",Người Khác Hẳn,1990-01-01,Nam,Kinh,2015-01-01,," + cellCode + ",có\r\n";
        String invalid = "0877700003,Lò Thị Én,2020-01-01,Nữ,Thái,2021-01-01,," + cellCode + ",có\r\n";

        HttpResponse<String> refused = importCsv("province-admin", header + good + conflict + invalid, false);
        assertEquals(refused.body(), 422, refused.statusCode());
        JsonNode r = json(refused);
        assertFalse(r.path("applied").asBoolean());
        assertEquals(1, r.path("conflicts").size());
        assertEquals(4, r.path("conflicts").get(0).path("row").asInt());
        assertEquals(5, r.path("errors").get(0).path("row").asInt());
        assertEquals("dateAdmitted", r.path("errors").get(0).path("field").asText());
        assertEquals("nothing of a refused file is written", 0,
                ok(as("province-admin", "GET", "/v1/members?q=08777000&limit=5", null)).path("total").asInt());

        JsonNode dry = json(importCsv("province-admin", header + good, true));
        assertEquals(2, dry.path("created").asInt());
        assertFalse(dry.path("applied").asBoolean());
        assertEquals(0, ok(as("province-admin", "GET", "/v1/members?q=08777000&limit=5", null)).path("total").asInt());

        JsonNode applied = json(importCsv("province-admin", header + good, false));
        assertTrue(applied.path("applied").asBoolean());
        assertEquals(2, applied.path("created").asInt());
        JsonNode again = json(importCsv("province-admin", header + good, false));
        assertEquals(0, again.path("created").asInt());
        assertEquals(2, again.path("unchanged").asInt());
        assertTrue(ok(as("province-admin", "GET", "/v1/members?q=ha%20thi%20mai&limit=50", null)).toString().contains("0877700001"));

        assertEquals("a district cannot import into another's cells", 422,
                importCsv("district-1", header + good.replace(cellCode, firstCellCode(district2)), false).statusCode());
    }

    @Test
    public void statusChangesAreDatedReasonedAndCounted() {
        // someone without the app, so the province's install figures other tests check stay exact
        JsonNode m = ok(as("province-admin", "GET", "/v1/members?unit=" + district2 + "&status=OFFICIAL&appInstalled=false&usesSmartphone=false&limit=1",
                null)).path("items").get(0);
        String id = m.path("id").asText();
        String cell = m.path("cellId").asText();
        long active = ok(as("province-admin", "GET", "/v1/org-units/" + cell, null)).path("activeMembers").asLong();

        HttpResponse<String> noReason = as("province-admin", "POST", "/v1/members/" + id + "/status",
                "{\"status\":\"LEFT\",\"version\":" + m.path("version").asLong() + "}");
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("\"reason\""));

        HttpResponse<String> left = as("province-admin", "POST", "/v1/members/" + id + "/status",
                "{\"status\":\"LEFT\",\"reason\":\"Xin ra khỏi Đảng\",\"version\":" + m.path("version").asLong() + "}");
        assertEquals(left.body(), 200, left.statusCode());
        assertEquals("LEFT", json(left).path("status").asText());
        assertEquals(active - 1, ok(as("province-admin", "GET", "/v1/org-units/" + cell, null)).path("activeMembers").asLong());
        JsonNode history = ok(as("province-admin", "GET", "/v1/members/" + id + "/status-history", null));
        assertEquals(1, history.size());
        assertEquals("OFFICIAL", history.get(0).path("from").asText());
        assertEquals("Xin ra khỏi Đảng", history.get(0).path("reason").asText());
        HttpResponse<String> stale = as("province-admin", "POST", "/v1/members/" + id + "/status",
                "{\"status\":\"OFFICIAL\",\"version\":" + m.path("version").asLong() + "}");
        assertEquals(409, stale.statusCode());
    }

    private static HttpResponse<String> importCsv(String token, String csv, boolean dryRun) {
        return http("POST", "/v1/members/import?dryRun=" + dryRun, csv, "Authorization", "Bearer " + token, "Content-Type", "text/csv");
    }

    private static String firstCellCode(String district) {
        return ok(as("province-admin", "GET", "/v1/org-units/" + firstCell(district), null)).path("unit").path("code").asText();
    }

    private static String firstCell(String district) {
        String g = ok(as("province-admin", "GET", "/v1/org-units/" + district + "/children?limit=1", null)).path("items").get(0).path("id").asText();
        return ok(as("province-admin", "GET", "/v1/org-units/" + g + "/children?limit=1", null)).path("items").get(0).path("id").asText();
    }

    private static String strip(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace('đ', 'd').replace('Đ', 'D');
    }

    @Test
    public void aLargeImportRunsAsAJobWithProgressAndAReport() {
        String cell = ok(as("province-admin", "GET", "/v1/members?unit=" + district1 + "&limit=1", null)).path("items").get(0).path("cellId").asText();
        HttpResponse<String> export = http("GET", "/v1/org-units/" + cell + "/members/export", null, "Authorization", "Bearer province-admin");
        assertEquals(200, export.statusCode());
        int rows = export.body().split("\r\n").length - 1;
        assertTrue(rows > 0);

        // the export imports back unchanged, as a job
        HttpResponse<String> started = http("POST", "/v1/members/import?async=true", export.body(), "Authorization", "Bearer province-admin",
                "Content-Type", "text/csv");
        assertEquals(started.body(), 202, started.statusCode());
        String location = started.headers().firstValue("Location").orElseThrow();
        String jobPath = location.substring(location.indexOf("/api") + 4);
        assertTrue(jobPath, jobPath.startsWith("/v1/members/import-jobs/"));
        JsonNode[] job = new JsonNode[1];
        await("the import job ends", 60, () -> {
            job[0] = ok(as("province-admin", "GET", jobPath, null));
            return !"RUNNING".equals(job[0].path("status").asText());
        });
        assertEquals(job[0].toString(), "DONE", job[0].path("status").asText());
        assertEquals(100, job[0].path("percent").asInt());
        assertEquals(rows, job[0].path("rowsTotal").asInt());
        JsonNode report = job[0].path("report");
        assertTrue(report.path("applied").asBoolean());
        assertEquals(rows, report.path("rows").asInt());
        assertEquals(rows, report.path("unchanged").asInt());
        assertEquals(0, report.path("created").asInt());
        // someone else's job is not theirs to see
        assertEquals(404, as("district-1", "GET", jobPath, null).statusCode());
    }

    @Test
    public void anImportWithOneBadRowWritesNothing() {
        String cell = ok(as("province-admin", "GET", "/v1/members?unit=" + district1 + "&limit=1", null)).path("items").get(0).path("cellId").asText();
        String cellCode = ok(as("province-admin", "GET", "/v1/org-units/" + cell, null)).path("unit").path("code").asText();
        String csv = "\uFEFFSố thẻ,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Ngày vào Đảng,Ngày chính thức,Mã chi bộ\r\n"
                + "0912345671,Lò Thị Mai,12/03/1990,Nữ,Thái,02/09/2015,02/09/2016," + cellCode + "\r\n"
                + "0912345672,Vàng A Dế,31/02/1990,Nam,Hmông,02/09/2015,," + cellCode + "\r\n";
        HttpResponse<String> dry = http("POST", "/v1/members/import?dryRun=true", csv, "Authorization", "Bearer province-admin",
                "Content-Type", "text/csv");
        assertEquals(dry.body(), 200, dry.statusCode());
        HttpResponse<String> real = http("POST", "/v1/members/import", csv, "Authorization", "Bearer province-admin", "Content-Type", "text/csv");
        assertEquals(real.body(), 422, real.statusCode());
        JsonNode report = json(real);
        assertFalse(report.path("applied").asBoolean());
        assertEquals(3, report.path("errors").get(0).path("row").asInt());
        assertEquals("dateOfBirth", report.path("errors").get(0).path("field").asText());
        assertEquals(0, ok(as("province-admin", "GET", "/v1/members?q=0912345671", null)).path("total").asInt());
    }

    @Test
    public void aCallerWithNoScopeGetsAnEmptyPageWhateverTheFilters() {
        CALLERS.put("ghost", callerAt("ghost", Set.of("no-such-unit"), ALL));
        JsonNode page = ok(as("ghost", "GET", "/v1/members?accountRegistered=false&usesSmartphone=true&status=OFFICIAL", null));
        assertEquals(0, page.path("total").asInt());
        JsonNode all = ok(as("province-admin", "GET", "/v1/members?accountRegistered=false&usesSmartphone=true&status=OFFICIAL&limit=1", null));
        assertTrue(all.path("total").asInt() > 0);
    }
}
