package org.sotay.itests;

import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile input on every operation the running platform describes ({@code /api/openapi.json}), as
 * the bootstrap administrator (the strongest caller) and anonymously: over-long strings (10,000
 * characters, characters outside the BMP, letters that grow under NFD), control characters,
 * impossible and extreme dates, malformed and extreme numbers, duplicate JSON keys, malformed
 * percent-escapes, path ids of 10,000 characters or with {@code %00}. Bodies are built from each
 * operation's request schema: every property gets each hostile value of its type, one at a time
 * (the others valid), then all at once. The platform may refuse anything, but never fail: no answer
 * is 5xx, and every 4xx is {@code application/problem+json}. The malformed numbers, dates and
 * duplicate keys of a JSON body must be refused, not read as something else.
 *
 * <p>The test makes its own things (a cell in the last district, one member in it, a staff account
 * with a grant, an account of its own for the operations on the caller's own session, a notice) and
 * aims every write at them; it never deletes anything. Member creation is aimed at the test's own
 * member's card number (so it never adds members to the demo tree other tests count), imports are
 * dry runs, and the operations on the caller's own session and password use the test's own account,
 * never the administrator's. Sign-ins are kept to a few dozen so the per-address back-off is never
 * reached.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class RobustnessIT extends SotayTestSupport {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000_000L);
    private static final String PASSWORD = "mat khau ben bi 1";
    /** Sign-in failures count per client address (100 in 10 minutes by default): stay far below. */
    private static final int SIGN_IN_BUDGET = 20;
    private static final Set<String> SIGN_INS = Set.of("POST /v1/auth/login", "POST /v1/auth/token");
    /** Operations on the caller's own session and password: the test's own account, never the administrator's. */
    private static final Set<String> OWN_SESSION = Set.of("POST /v1/auth/logout", "POST /v1/auth/me/password",
            "DELETE /v1/auth/me/devices/{id}");
    private static final String RAW = "\u0001raw:";
    /** Filled in when a request is sent: a number never used before (names, codes), the target's current version. */
    private static final String FRESH = "~N~";
    private static final String VERSION = "~VERSION~";

    /** A hostile value: what a reader of the report sees, and the JSON (or query text) sent. */
    private record Hostile(String name, String json, boolean mustBeRefused) {
        static Hostile text(String name, String value) {
            return new Hostile(name, quote(value), false);
        }

        static Hostile raw(String name, String json, boolean mustBeRefused) {
            return new Hostile(name, json, mustBeRefused);
        }

        /** The value as a query parameter's text. */
        String queryText() {
            if (json.startsWith("\"")) {
                try {
                    return JSON.readValue(json, String.class);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return json;
        }
    }

    private record Op(String method, String template, JsonNode spec) {
        String key() {
            return method + " " + template;
        }
    }

    private JsonNode doc;
    private String admin;
    private String self;
    private long adminSince;
    private String unitId;
    private String memberId;
    private JsonNode member;
    private String accountId;
    private String grantId;
    private String noticeId;
    private final Map<String, String> pathIds = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> accepted = new ArrayList<>();
    private int requests;
    private int uniq;

    @Test
    public void noOperationFailsOnHostileInput() throws Exception {
        awaitHealthy();
        await("the bootstrap administrator", 60, () -> login(ADMIN, ADMIN_PASSWORD).statusCode() == 200);
        renewAdminToken();
        fixtures();
        doc = json(get("/openapi.json"));
        List<Op> ops = operations();
        assertTrue(ops.size() + " operations", ops.size() >= 40);
        for (Op op : ops) {
            exercise(op);
        }
        StringBuilder report = new StringBuilder();
        report.append(failures.size()).append(" failures and ").append(accepted.size()).append(" accepted malformed values in ")
                .append(requests).append(" requests:\n");
        failures.forEach(f -> report.append("FAIL ").append(f).append('\n'));
        accepted.forEach(a -> report.append("ACCEPTED ").append(a).append('\n'));
        System.out.println(report);
        assertTrue(report.toString(), failures.isEmpty() && accepted.isEmpty());
    }

    // ---- fixtures: the test's own things ----

    private void fixtures() {
        String root = ok(bearer(admin, "GET", "/v1/org-units", null)).get(0).path("id").asText();
        JsonNode districts = ok(bearer(admin, "GET", "/v1/org-units/" + root + "/children?limit=200", null)).path("items");
        String district = districts.get(districts.size() - 1).path("id").asText();
        String committee = ok(bearer(admin, "GET", "/v1/org-units/" + district + "/children?limit=1", null)).path("items").get(0)
                .path("id").asText();
        JsonNode cell = ok(bearer(admin, "GET", "/v1/org-units/" + committee + "/children?limit=1", null)).path("items").get(0);
        ObjectNode unit = F.objectNode().put("code", "ROBUST-" + RUN).put("name", "Chi bộ kiểm thử " + RUN)
                .put("typeCode", cell.path("typeCode").asText()).put("parentId", committee);
        unitId = ok(bearer(admin, "POST", "/v1/org-units", unit.toString())).path("id").asText();
        ObjectNode m = F.objectNode().put("cardNumber", "097" + String.format("%08d", Long.parseLong(RUN) % 100_000_000L))
                .put("fullName", "Nguyễn Văn Bền").put("dateOfBirth", "1980-02-29").put("gender", "MALE").put("dateAdmitted", "2005-05-19")
                .put("cellId", unitId).put("phone", "0912345678").put("email", "ben.bi@example.org").put("usesSmartphone", true);
        member = ok(bearer(admin, "POST", "/v1/members", m.toString()));
        memberId = member.path("id").asText();
        accountId = ok(bearer(admin, "POST", "/v1/accounts", F.objectNode().put("username", "robust.target." + RUN)
                .put("displayName", "Tài khoản thử " + RUN).put("kind", "STAFF").put("homeUnitId", unitId).put("password", PASSWORD).toString()))
                .path("account").path("id").asText();
        grantId = ok(bearer(admin, "POST", "/v1/accounts/" + accountId + "/grants",
                F.objectNode().put("role", "INSTALL_HELPER").put("unitId", unitId).toString())).path("grants").get(0).path("id").asText();
        ok(bearer(admin, "POST", "/v1/accounts", F.objectNode().put("username", "robust.self." + RUN).put("displayName", "Tự thử " + RUN)
                .put("kind", "STAFF").put("homeUnitId", unitId).put("password", PASSWORD).toString()));
        self = tokenOf("robust.self." + RUN, PASSWORD);
        noticeId = ok(bearer(admin, "POST", "/v1/sample/notices",
                F.objectNode().put("unitId", unitId).put("title", "Thông báo thử " + RUN).put("body", "Nội dung").toString())).path("id").asText();
    }

    private void renewAdminToken() {
        admin = tokenOf(ADMIN, ADMIN_PASSWORD);
        adminSince = System.nanoTime();
    }

    /** The administrator's token and the test's own stay valid: renewed before they expire, and at once when refused. */
    private void keepSessions() {
        if (System.nanoTime() - adminSince > 240_000_000_000L || bearer(admin, "GET", "/v1/auth/me", null).statusCode() == 401) {
            renewAdminToken();
        }
        if (bearer(self, "GET", "/v1/auth/me", null).statusCode() == 401) {
            self = tokenOf("robust.self." + RUN, PASSWORD);
        }
    }

    private static JsonNode ok(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(r.request().method() + " " + r.uri() + ": " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }

    // ---- the operations, from the runtime's description ----

    private List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = p.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> m = methods.next();
                if (Set.of("get", "post", "put", "patch", "delete").contains(m.getKey())) {
                    ops.add(new Op(m.getKey().toUpperCase(), p.getKey(), m.getValue()));
                }
            }
        }
        return ops;
    }

    private void exercise(Op op) {
        keepSessions();
        boolean isPublic = op.spec.path("security").isArray() && op.spec.path("security").isEmpty();
        String strong = OWN_SESSION.contains(op.key()) ? self : admin;
        List<Request> variants = variants(op);
        if (SIGN_INS.contains(op.key())) {
            variants = sample(variants, SIGN_IN_BUDGET / 2);
        }
        for (Request v : variants) {
            send(op, v, strong, OWN_SESSION.contains(op.key()) ? "own account" : "admin");
        }
        // anonymous: all of it where anyone may call, else what is read before authentication (path, query, the body's bytes)
        List<Request> anonymous = isPublic ? variants : sample(variants, 12);
        for (Request v : anonymous) {
            send(op, v, null, "anonymous");
        }
    }

    /** At most {@code n} of the variants, spread over the list. */
    private static List<Request> sample(List<Request> all, int n) {
        if (all.size() <= n) {
            return all;
        }
        List<Request> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(all.get(i * all.size() / n));
        }
        return out;
    }

    /** One request to send: its path (ids filled in), raw query string, body and media type, and what is hostile in it. */
    private record Request(String what, String path, String query, String body, String mediaType, boolean mustBeRefused) {
    }

    private List<Request> variants(Op op) {
        List<Request> out = new ArrayList<>();
        String path = fill(op.template);
        String fixedQuery = op.template.equals("/v1/members/import") ? "dryRun=true" : "";
        JsonNode content = op.spec.path("requestBody").path("content");
        String mediaType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
        JsonNode bodySchema = mediaType == null ? null : resolve(content.path(mediaType).path("schema"));
        String baseBody = mediaType == null ? null : baseline(mediaType, bodySchema, op);

        // path ids: 10,000 characters, %00
        List<String> names = new ArrayList<>();
        for (JsonNode p : op.spec.path("parameters")) {
            if ("path".equals(p.path("in").asText())) {
                names.add(p.path("name").asText());
            }
        }
        for (String name : names) {
            for (String[] id : new String[][] { { "10,000 characters", "x".repeat(10_000) }, { "%00", "%00" }, { "a%00b", "a%00b" },
                    { "10,000 × 😀", enc("😀".repeat(10_000)) } }) {
                String p = fill(op.template.replace("{" + name + "}", id[1]));
                out.add(new Request("path " + name + " = " + id[0], p, fixedQuery, baseBody, mediaType, false));
            }
        }
        // query parameters: every hostile text, and malformed percent-escapes
        for (JsonNode p : op.spec.path("parameters")) {
            if (!"query".equals(p.path("in").asText())) {
                continue;
            }
            String name = p.path("name").asText();
            List<Hostile> values = new ArrayList<>(strings());
            values.addAll(numbers());
            values.addAll(dates());
            values.addAll(dateTimes());
            for (Hostile h : values) {
                String q = join(fixedQuery.startsWith(name + "=") ? "" : fixedQuery, name + "=" + enc(h.queryText()));
                out.add(new Request("query " + name + " = " + h.name, path, q, baseBody, mediaType, false));
            }
            for (String bad : new String[] { "%", "%zz", "%e0%a4", "a%", "%00", "%C0%AF" }) {
                out.add(new Request("query " + name + " = raw " + bad, path, join(fixedQuery, name + "=" + bad), baseBody, mediaType, false));
            }
        }
        out.add(new Request("query string = raw %zz&%", path, join(fixedQuery, "%zz&%=%"), baseBody, mediaType, false));
        // bodies
        if (mediaType == null) {
            return out;
        }
        if (mediaType.contains("json")) {
            jsonBodies(op, bodySchema, path, fixedQuery, mediaType, out);
        } else if (mediaType.contains("form")) {
            for (Iterator<String> it = bodySchema.path("properties").fieldNames(); it.hasNext();) {
                String field = it.next();
                for (Hostile h : strings()) {
                    out.add(new Request("form " + field + " = " + h.name, path, fixedQuery,
                            formBody(bodySchema, Map.of(field, enc(h.queryText()))), mediaType, false));
                }
                out.add(new Request("form " + field + " = raw %zz", path, fixedQuery, formBody(bodySchema, Map.of(field, "%zz")), mediaType, false));
            }
        } else {
            // a file: the import reads CSV; every column of one row gets each hostile text, then the whole body is one
            String header = "cardNumber,fullName,dateOfBirth,gender,ethnicity,dateAdmitted,dateOfficial,status,cellCode,phone,email,"
                    + "usesSmartphone,appInstalled,accountRegistered";
            String[] row = { member.path("cardNumber").asText(), member.path("fullName").asText(), "1980-02-29", "MALE", "Kinh", "2005-05-19",
                    "", "OFFICIAL", "ROBUST-" + RUN, "0912345678", "ben.bi@example.org", "true", "false", "false" };
            String[] columns = header.split(",");
            List<Hostile> texts = new ArrayList<>(strings());
            texts.addAll(dates());
            for (int c = 0; c < columns.length; c++) {
                for (Hostile h : texts) {
                    String[] r = row.clone();
                    r[c] = csv(h.queryText());
                    out.add(new Request("csv " + columns[c] + " = " + h.name, path, fixedQuery, header + "\r\n" + String.join(",", r) + "\r\n",
                            mediaType, false));
                }
            }
            for (Hostile h : strings()) {
                out.add(new Request("csv body = " + h.name, path, fixedQuery, h.queryText(), mediaType, false));
            }
            out.add(new Request("csv of 10,000 columns", path, fixedQuery, "a,".repeat(10_000) + "\r\n" + "b,".repeat(10_000), mediaType, false));
        }
        return out;
    }

    private void jsonBodies(Op op, JsonNode schema, String path, String query, String mediaType, List<Request> out) {
        ObjectNode base = schema.path("type").asText().equals("object") || schema.has("properties") ? (ObjectNode) value(schema, "", op)
                : null;
        if (base == null) {
            return;
        }
        List<String[]> leaves = new ArrayList<>(); // json pointer, schema kind
        leaves(schema, "", leaves);
        for (String[] leaf : leaves) {
            for (Hostile h : hostiles(leaf[1])) {
                ObjectNode b = base.deepCopy();
                set(b, leaf[0], h);
                out.add(new Request("body " + leaf[0].substring(1).replace('/', '.') + " = " + h.name, path, query, render(b), mediaType,
                        h.mustBeRefused));
            }
        }
        // all at once: every property hostile, three times with different values
        for (int round = 0; round < 3; round++) {
            ObjectNode b = base.deepCopy();
            StringBuilder what = new StringBuilder();
            for (String[] leaf : leaves) {
                List<Hostile> hs = hostiles(leaf[1]);
                Hostile h = hs.get(round * 7 % hs.size());
                set(b, leaf[0], h);
                what.append(what.length() == 0 ? "" : ", ").append(leaf[0].substring(1).replace('/', '.')).append(" = ").append(h.name);
            }
            out.add(new Request("body all at once: " + what, path, query, render(b), mediaType, false));
        }
        // duplicate keys, at the top and inside
        Iterator<String> names = base.fieldNames();
        if (names.hasNext()) {
            String first = names.next();
            String json = base.toString();
            String dup = "{" + quote(first) + ":" + base.get(first) + "," + json.substring(1);
            out.add(new Request("body with " + first + " twice", path, query, dup, mediaType, true));
        }
        out.add(new Request("body not JSON", path, query, "{\"a\":", mediaType, false));
        out.add(new Request("body of 10,000 nested arrays", path, query, "[".repeat(10_000) + "]".repeat(10_000), mediaType, false));
        out.add(new Request("body NUL bytes", path, query, "\u0000\u0000{}", mediaType, false));
    }

    // ---- schemas ----

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10; i++) {
            if (s.has("$ref")) {
                s = doc.at(s.get("$ref").asText().substring(1));
            } else if (s.has("allOf") && s.path("allOf").size() == 1) {
                s = s.path("allOf").get(0);
            } else {
                return s;
            }
        }
        return s;
    }

    /** The kind of a leaf schema: string, uuid, date, date-time, integer, number, boolean, enum, array, object. */
    private String kind(JsonNode s) {
        if (s.has("enum")) {
            return "enum";
        }
        String type = s.path("type").asText();
        String format = s.path("format").asText();
        if (type.equals("string")) {
            return format.equals("date") || format.equals("date-time") ? format : "string";
        }
        return type.isEmpty() ? "object" : type;
    }

    private void leaves(JsonNode schema, String pointer, List<String[]> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode s = resolve(p.getValue());
            String at = pointer + "/" + p.getKey();
            if (s.has("properties")) {
                out.add(new String[] { at, "object" });
                leaves(s, at, out);
            } else {
                out.add(new String[] { at, kind(s) });
            }
        }
    }

    /** A valid-looking value for a schema, aimed at the test's own things. */
    private JsonNode value(JsonNode schema, String name, Op op) {
        JsonNode s = resolve(schema);
        if (s.has("properties")) {
            ObjectNode o = F.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> p = it.next();
                o.set(p.getKey(), value(p.getValue(), p.getKey(), op));
            }
            return o;
        }
        switch (kind(s)) {
        case "enum":
            return preferred(name, s);
        case "array":
            return name.endsWith("Ids") ? F.arrayNode() : F.arrayNode().add(value(s.path("items"), name, op));
        case "integer":
            return name.equals("version") ? F.textNode(VERSION) : F.numberNode(1);
        case "number":
            return F.numberNode(1.5);
        case "boolean":
            return F.booleanNode(false);
        case "date":
            return F.textNode(name.equals("dateOfBirth") ? "1980-02-29" : name.equals("dateAdmitted") ? "2005-05-19"
                    : name.equals("validTo") || name.equals("until") ? LocalDate.now().plusDays(30).toString() : LocalDate.now().toString());
        case "date-time":
            return F.textNode(LocalDate.now().plusDays(30) + "T00:00:00Z");
        case "object":
            return F.objectNode();
        default:
            return F.textNode(text(name, s));
        }
    }

    private static JsonNode preferred(String name, JsonNode s) {
        for (String want : new String[] { "STAFF", "INSTALL_HELPER", "TEMPORARY", "MALE", "OFFICIAL", "WIFI" }) {
            for (JsonNode v : s.path("enum")) {
                if (want.equals(v.asText())) {
                    return v;
                }
            }
        }
        return s.path("enum").get(0);
    }

    private String text(String name, JsonNode s) {
        switch (name) {
        case "cardNumber":
            return member.path("cardNumber").asText();
        case "memberId":
            return memberId;
        case "cellId", "toCellId", "parentId", "unitId", "homeUnitId", "targetId", "residenceUnitId":
            return unitId;
        case "username":
            return "robust.u" + RUN + "." + FRESH;
        case "password", "newPassword":
            return PASSWORD + " moi";
        case "currentPassword":
            return "khong phai mat khau"; // never the real one: the password never changes
        case "code":
            return "ROBUST-" + RUN + "-" + FRESH;
        case "typeCode":
            return typeCode();
        case "fullName":
            return "Trần Thị Bền";
        case "email":
            return "ben.bi@example.org";
        case "phone":
            return "0912345678";
        case "grant_type":
            return "client_credentials";
        case "client_id":
            return "robust.nobody." + RUN;
        case "platform":
            return "android";
        default:
            return "uuid".equals(s.path("format").asText()) ? UUID.randomUUID().toString() : "Bền bỉ";
        }
    }

    private String cellType;

    private String typeCode() {
        if (cellType == null) {
            cellType = ok(bearer(admin, "GET", "/v1/org-units/" + unitId, null)).path("unit").path("typeCode").asText();
        }
        return cellType;
    }

    /** The current version of the operation's target (the test's own member, unit or notice), so an edit reaches the database. */
    private long version(Op op) {
        String target = op.template.startsWith("/v1/members/") ? "/v1/members/" + memberId
                : op.template.startsWith("/v1/org-units/") ? "/v1/org-units/" + unitId
                        : op.template.startsWith("/v1/sample/notices/") ? "/v1/sample/notices/" + noticeId : null;
        if (target == null) {
            return 1;
        }
        JsonNode j = json(bearer(admin, "GET", target, null));
        return j.has("unit") ? j.path("unit").path("version").asLong() : j.path("version").asLong();
    }

    private String baseline(String mediaType, JsonNode schema, Op op) {
        if (mediaType.contains("json")) {
            return value(schema, "", op).toString();
        }
        if (mediaType.contains("form")) {
            return formBody(schema, Map.of());
        }
        return "cardNumber,fullName\r\n";
    }

    private String formBody(JsonNode schema, Map<String, String> hostile) {
        List<String> pairs = new ArrayList<>();
        for (Iterator<String> it = schema.path("properties").fieldNames(); it.hasNext();) {
            String f = it.next();
            pairs.add(f + "=" + hostile.getOrDefault(f, enc(text(f, F.objectNode()))));
        }
        return String.join("&", pairs);
    }

    // ---- hostile values ----

    private static List<Hostile> strings() {
        List<Hostile> out = new ArrayList<>();
        out.add(Hostile.text("10,000 × a", "a".repeat(10_000)));
        out.add(Hostile.text("10,000 × 😀", "😀".repeat(10_000)));
        out.add(Hostile.text("10,000 × 한", "한".repeat(10_000)));
        for (int n : new int[] { 40, 100, 300 }) {
            out.add(Hostile.text(n + " × ǅ (3 letters each in NFD)", "ǅ".repeat(n)));
            out.add(Hostile.text(n + " × 한 (3 jamo each in NFD)", "한".repeat(n)));
            out.add(Hostile.text(n + " × 한 sent decomposed (NFD)", Normalizer.normalize("한".repeat(n), Normalizer.Form.NFD)));
            out.add(Hostile.text(n + " × 😀 (2 UTF-16 units each)", "😀".repeat(n)));
        }
        out.add(Hostile.text("NUL inside", "a\u0000b"));
        out.add(Hostile.text("only NUL", "\u0000"));
        out.add(Hostile.text("ESC sequence", "\u001b[31mđỏ\u001b[0m\u001b]0;title\u0007"));
        out.add(Hostile.text("DEL and C1 controls", "a\u007f\u0085\u009bz"));
        out.add(Hostile.text("CR LF and TAB", "a\r\n\tb"));
        out.add(Hostile.text("bidi override", "\u202Eabc\u202C"));
        out.add(Hostile.text("empty", ""));
        out.add(Hostile.text("blank", "   "));
        out.add(Hostile.raw("lone surrogate", "\"\\ud800x\"", false));
        return out;
    }

    private static List<Hostile> numbers() {
        return List.of(Hostile.raw("1e400", "1e400", true), Hostile.raw("1.5", "1.5", true),
                Hostile.raw("99999999999999999999", "99999999999999999999", true), Hostile.raw("-1", "-1", false),
                Hostile.raw("-99999999999999999999", "-99999999999999999999", true), Hostile.raw("2147483648", "2147483648", false),
                Hostile.raw("NaN", "NaN", true), Hostile.raw("\"1\"", "\"1\"", true));
    }

    private static List<Hostile> dates() {
        return List.of(Hostile.raw("+999999999-12-31", "\"+999999999-12-31\"", true),
                Hostile.raw("999999999-12-31", "\"999999999-12-31\"", true), Hostile.raw("-999999999-01-01", "\"-999999999-01-01\"", true),
                Hostile.raw("0000-00-00", "\"0000-00-00\"", true), Hostile.raw("2024-02-30", "\"2024-02-30\"", true),
                Hostile.raw("1899-12-31", "\"1899-12-31\"", true), Hostile.raw("2200-01-01", "\"2200-01-01\"", true),
                Hostile.raw("1e400 as a date", "1e400", true));
    }

    private static List<Hostile> dateTimes() {
        return List.of(Hostile.raw("+999999999-12-31T23:59:59Z", "\"+999999999-12-31T23:59:59Z\"", true),
                Hostile.raw("-999999999-01-01T00:00:00Z", "\"-999999999-01-01T00:00:00Z\"", true),
                Hostile.raw("0000-00-00T00:00:00Z", "\"0000-00-00T00:00:00Z\"", true),
                Hostile.raw("2024-02-30T10:00:00Z", "\"2024-02-30T10:00:00Z\"", true),
                Hostile.raw("2200-01-01T00:00:00Z", "\"2200-01-01T00:00:00Z\"", true),
                Hostile.raw("99999999999999999999 as an instant", "99999999999999999999", true));
    }

    private static List<Hostile> hostiles(String kind) {
        List<Hostile> out = new ArrayList<>();
        switch (kind) {
        case "integer", "number" -> out.addAll(numbers());
        case "date" -> out.addAll(dates());
        case "date-time" -> out.addAll(dateTimes());
        case "boolean" -> {
            out.add(Hostile.raw("\"yes\"", "\"yes\"", true));
            out.add(Hostile.raw("1", "1", true));
        }
        case "enum" -> {
            out.add(Hostile.text("not a value", "NOT_A_VALUE"));
            out.add(Hostile.text("10,000 × A", "A".repeat(10_000)));
            out.add(Hostile.text("NUL", "OFFICIAL\u0000"));
            out.add(Hostile.text("empty", ""));
        }
        case "array" -> {
            out.add(Hostile.raw("[10,000 × a]", "[" + quote("a".repeat(10_000)) + "]", false));
            out.add(Hostile.raw("[NUL]", "[\"\\u0000\"]", false));
            out.add(Hostile.raw("10,000 items", "[" + String.join(",", java.util.Collections.nCopies(10_000, "\"x\"")) + "]", false));
            out.add(Hostile.raw("a string", "\"x\"", true));
        }
        case "object" -> {
            out.add(Hostile.raw("a string", "\"x\"", true));
            out.add(Hostile.raw("an array", "[]", true));
        }
        default -> out.addAll(strings());
        }
        return out;
    }

    // ---- building and sending ----

    private final Map<String, String> raws = new LinkedHashMap<>();

    /** Puts a hostile value at a JSON pointer; raw JSON tokens go in as markers replaced when rendered. */
    private void set(ObjectNode body, String pointer, Hostile h) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? body : body.at(pointer.substring(0, slash));
        if (!parent.isObject()) {
            return;
        }
        String marker = RAW + raws.size() + "\u0001";
        raws.put(marker, h.json);
        ((ObjectNode) parent).put(pointer.substring(slash + 1), marker);
    }

    private String render(ObjectNode body) {
        String json = body.toString();
        for (Map.Entry<String, String> e : raws.entrySet()) {
            String quoted = quote(e.getKey());
            if (json.contains(quoted)) {
                json = json.replace(quoted, e.getValue());
            }
        }
        return json;
    }

    /** Ids in a path: the test's own things. */
    private String fill(String template) {
        String p = template.replace("{grantId}", grantId).replace("{jobId}", UUID.randomUUID().toString());
        if (p.startsWith("/v1/members/")) {
            p = p.replace("{id}", memberId);
        } else if (p.startsWith("/v1/org-units/")) {
            p = p.replace("{id}", unitId);
        } else if (p.startsWith("/v1/accounts/")) {
            p = p.replace("{id}", accountId);
        } else if (p.startsWith("/v1/sample/notices/")) {
            p = p.replace("{id}", noticeId);
        }
        return p.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    private void send(Op op, Request r, String token, String who) {
        String target = "/api" + r.path + (r.query.isEmpty() ? "" : "?" + r.query);
        String body = r.body;
        if (body != null) {
            body = body.replace(FRESH, Integer.toString(++uniq));
            if (body.contains(quote(VERSION))) {
                body = body.replace(quote(VERSION), Long.toString(version(op)));
            }
        }
        Answer a;
        try {
            a = raw(op.method, target, body, r.mediaType, token);
        } catch (IOException e) {
            failures.add(op.key() + " as " + who + ", " + r.what + ": no answer (" + e + ")");
            return;
        }
        requests++;
        String where = op.key() + " as " + who + ", " + r.what + ": " + a.status + " (request " + a.requestId + ")";
        if (a.status >= 500) {
            failures.add(where);
        } else if (a.status >= 400 && (a.contentType == null || !a.contentType.startsWith("application/problem+json"))
                && !documented(op, a)) {
            failures.add(where + " is not problem+json but " + a.contentType
                    + (a.requestId == null ? " (answered before the application: the HTTP server's own error page)" : ""));
        } else if (r.mustBeRefused && a.status / 100 == 2) {
            accepted.add(where);
        }
    }

    private record Answer(int status, String contentType, String requestId) {
    }

    /** A 4xx the operation describes with a body of its own (the import's 422 report), in that media type. */
    private static boolean documented(Op op, Answer a) {
        JsonNode content = op.spec.path("responses").path(Integer.toString(a.status)).path("content");
        return a.contentType != null && content.has(a.contentType.split(";")[0].trim());
    }

    /**
     * One exchange over a plain socket: the request line goes out exactly as written, so malformed
     * percent-escapes reach the server (the JDK's HTTP client refuses to send them).
     */
    private static Answer raw(String method, String target, String body, String mediaType, String token) throws IOException {
        int port = Integer.parseInt(System.getProperty("sotay.http.port"));
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            head.append("Accept: application/json\r\n");
            head.append("Connection: close\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: ").append(mediaType).append(mediaType.startsWith("text/") ? "; charset=UTF-8" : "").append("\r\n");
                head.append("Content-Length: ").append(bytes.length).append("\r\n");
            } else if (!method.equals("GET") && !method.equals("DELETE")) {
                head.append("Content-Length: 0\r\n");
            }
            head.append("\r\n");
            OutputStream out = s.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // the server may answer (and close) before reading it all, as for an address too long: read that answer
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String status = in.readLine();
            if (status == null) {
                throw new IOException("connection closed without an answer");
            }
            String[] parts = status.split(" ", 3);
            int code = Integer.parseInt(parts[1]);
            String type = null;
            String id = null;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String name = line.substring(0, colon).trim();
                    if (name.equalsIgnoreCase("Content-Type")) {
                        type = line.substring(colon + 1).trim();
                    } else if (name.equalsIgnoreCase("X-Request-Id")) {
                        id = line.substring(colon + 1).trim();
                    }
                }
            }
            // read the whole answer: closing early would make the server's write fail (and log) for nothing
            char[] sink = new char[8192];
            while (in.read(sink) >= 0) {
                // drained
            }
            return new Answer(code, type, id);
        }
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "&" + b;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
