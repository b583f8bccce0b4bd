package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.ServiceReference;
import org.sotay.identity.api.AuthorizationService;
import org.sotay.identity.api.Role;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The authorization matrix. The endpoints come from the running platform's own description
 * ({@code /api/openapi.json}, generated from the registered resources), so an endpoint added
 * tomorrow is in the matrix without anyone editing this test. Each is called with no token, a
 * malformed one, an expired one, one signed by another key, {@code alg: none}, and with real
 * tokens of every role granted at a unit inside and outside the target's subtree; the answer must
 * be what the endpoint's declared permission and the role's permissions say.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class AuthorizationMatrixIT extends SotayTestSupport {
    private static final String PASSWORD = "mat khau thu nghiem 1";

    /** A caller of the matrix: a role, granted inside or outside the target's subtree. */
    private record Who(String name, Role role, boolean inside, String token) {
    }

    /** An operation as the runtime describes it, with the media type its body is declared in (or {@code null}). */
    private record Op(String method, String path, boolean isPublic, String permission, String mediaType) {
    }

    @Test
    public void everyEndpointAnswersAsDesignedForEveryCaller() throws Exception {
        awaitHealthy();
        String admin = adminToken();

        // ---- the targets, all in district A; the outsiders live in district B ----
        String root = ok(bearer(admin, "GET", "/v1/org-units", null)).get(0).path("id").asText();
        JsonNode districts = ok(bearer(admin, "GET", "/v1/org-units/" + root + "/children?limit=10", null)).path("items");
        String districtA = districts.get(0).path("id").asText();
        String districtB = districts.get(1).path("id").asText();
        JsonNode inA = ok(bearer(admin, "GET", "/v1/members?unit=" + districtA + "&status=OFFICIAL&accountRegistered=false&limit=1", null))
                .path("items").get(0);
        String targetMember = inA.path("id").asText();
        String targetCell = inA.path("cellId").asText();
        JsonNode sameCell = ok(bearer(admin, "GET", "/v1/members?unit=" + targetCell + "&accountRegistered=false&limit=5", null)).path("items");
        JsonNode memberInside = sameCell.get(0).path("id").asText().equals(targetMember) ? sameCell.get(1) : sameCell.get(0);
        JsonNode memberOutside = ok(bearer(admin, "GET", "/v1/members?unit=" + districtB + "&status=OFFICIAL&accountRegistered=false&limit=1", null))
                .path("items").get(0);
        String cellB = memberOutside.path("cellId").asText();

        String targetAccount = staff(admin, "target.staff", targetCell, "STAFF");
        String targetGrant = json(grant(admin, targetAccount, "INSTALL_HELPER", targetCell)).path("grants").get(0).path("id").asText();
        String notice = json(bearer(admin, "POST", "/v1/sample/notices", "{\"unitId\":\"" + targetCell
                + "\",\"title\":\"Thông báo thử\",\"body\":\"Nội dung\"}")).path("id").asText();

        // ---- the callers: real accounts, real sign-ins ----
        List<Who> callers = new ArrayList<>();
        callers.add(new Who("admin@root", Role.PROVINCIAL_ADMIN, true, admin));
        callers.add(new Who("member@target-cell", Role.MEMBER, true, member(admin, memberInside)));
        callers.add(new Who("member@B", Role.MEMBER, false, member(admin, memberOutside)));
        for (Object[] g : new Object[][] { { Role.INSTALL_HELPER, targetCell, cellB }, { Role.CELL_SECRETARY, targetCell, cellB },
                { Role.COMMITTEE_STAFF, districtA, districtB } }) {
            Role role = (Role) g[0];
            for (int side = 0; side < 2; side++) {
                String unit = (String) g[1 + side];
                String name = role.name().toLowerCase().replace('_', '.') + (side == 0 ? ".in" : ".out");
                String id = staff(admin, name, unit, "STAFF");
                assertEquals(201, grant(admin, id, role.name(), unit).statusCode());
                callers.add(new Who(name, role, side == 0, tokenOf(name, PASSWORD)));
            }
        }
        for (int side = 0; side < 2; side++) {
            String unit = side == 0 ? districtA : districtB;
            String name = "integrator." + (side == 0 ? "in" : "out");
            String id = staff(admin, name, unit, "CLIENT");
            assertEquals(201, grant(admin, id, "INTEGRATOR", unit).statusCode());
            HttpResponse<String> t = http("POST", "/v1/auth/token", "grant_type=client_credentials&client_id=" + name + "&client_secret="
                    + PASSWORD.replace(' ', '+'), "Content-Type", "application/x-www-form-urlencoded");
            JsonNode oauth = ok(t);
            assertEquals("Bearer", oauth.path("token_type").asText());
            callers.add(new Who(name, Role.INTEGRATOR, side == 0, oauth.path("access_token").asText()));
        }

        // ---- tokens that must never pass ----
        Map<String, String> bad = badTokens(ok(bearer(admin, "GET", "/v1/auth/me", null)).path("id").asText(), root);

        // ---- the endpoints, from the runtime ----
        List<Op> ops = endpoints();
        assertTrue("the platform describes " + ops.size() + " operations", ops.size() >= 40);
        assertTrue(ops.stream().anyMatch(o -> o.path.equals("/v1/accounts/{id}/lock") && "identity.account.manage".equals(o.permission)));
        assertTrue(ops.stream().anyMatch(o -> o.path.equals("/v1/members/{id}") && o.method.equals("GET")));

        AuthorizationService authz = service(AuthorizationService.class);
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Op op : ops) {
            String path = op.path.replace("{grantId}", targetGrant);
            if (path.startsWith("/v1/members/")) {
                path = path.replace("{id}", targetMember);
            } else if (path.startsWith("/v1/org-units/")) {
                path = path.replace("{id}", targetCell);
            } else if (path.startsWith("/v1/accounts/")) {
                path = path.replace("{id}", targetAccount);
            } else if (path.startsWith("/v1/sample/notices/")) {
                path = path.replace("{id}", notice);
            }
            // what is left names the caller's own things (an import job, a device): any id will do
            boolean own = path.contains("{") || path.startsWith("/v1/auth/me");
            path = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            boolean targeted = !path.equals(op.path);
            // a body in the declared media type, so the answer is about authorization, not content negotiation
            String body = op.mediaType == null ? null : op.mediaType.contains("json") ? "{}" : "";
            String type = op.mediaType == null ? "application/json" : op.mediaType;

            for (Map.Entry<String, String> t : bad.entrySet()) {
                HttpResponse<String> r = call(t.getValue(), op.method, path, body, type);
                calls++;
                noSecrets(r);
                if (!op.isPublic && r.statusCode() != 401) {
                    failures.add(op.method + " " + op.path + " with " + t.getKey() + ": " + r.statusCode() + " (want 401)");
                }
                if (r.statusCode() >= 500) {
                    failures.add(op.method + " " + op.path + " with " + t.getKey() + ": " + r.statusCode());
                }
            }
            if (op.isPublic) {
                continue;
            }
            for (Who who : callers) {
                HttpResponse<String> r = call(who.token, op.method, path, body, type);
                calls++;
                noSecrets(r);
                int s = r.statusCode();
                String where = op.method + " " + op.path + " as " + who.name + ": " + s;
                boolean holds = op.permission == null || covers(authz.permissionsOf(who.role), op.permission);
                if (s >= 500 || s == 401) {
                    failures.add(where + " " + r.body());
                } else if (!holds) {
                    if (s != 403) {
                        failures.add(where + " (want 403: the role does not hold " + op.permission + ")");
                    }
                } else if (own) {
                    // the caller's own resource under a made-up id: not found is the right answer, never someone else's
                    if (s == 403) {
                        failures.add(where + " (holds the permission; own resources are not forbidden)");
                    }
                } else if (op.permission != null && who.inside) {
                    if (s == 403 || s == 404) {
                        failures.add(where + " (want success or a validation answer: holds " + op.permission + " over the target) " + r.body());
                    }
                } else if (op.permission != null && targeted) {
                    // outside the target's subtree: never the data, never a change
                    if ("GET".equals(op.method) ? (s != 403 && s != 404) : (s >= 200 && s < 300)) {
                        failures.add(where + " (want 403/404: the target is outside the caller's subtree) " + r.body());
                    }
                } else if (op.permission == null && s == 403) {
                    failures.add(where + " (any signed-in caller may)");
                }
            }
        }
        assertTrue(failures.size() + " of " + calls + " calls answered wrongly:\n" + String.join("\n", failures), failures.isEmpty());
    }

    @Test
    public void bodiesCannotAssignRolesUnitsOrStatus() {
        awaitHealthy();
        String admin = adminToken();
        String root = ok(bearer(admin, "GET", "/v1/org-units", null)).get(0).path("id").asText();
        String[][] attempts = {
                { "POST", "/v1/accounts", "{\"username\":\"mass.assign\",\"displayName\":\"X\",\"kind\":\"STAFF\",\"homeUnitId\":\"" + root
                        + "\",\"grants\":[{\"role\":\"PROVINCIAL_ADMIN\"}]}", "grants" },
                { "POST", "/v1/accounts", "{\"username\":\"mass.assign\",\"displayName\":\"X\",\"kind\":\"STAFF\",\"homeUnitId\":\"" + root
                        + "\",\"locked\":false,\"passwordHash\":\"x\"}", "locked" },
                { "POST", "/v1/members", "{\"cardNumber\":\"0999999999\",\"status\":\"OFFICIAL\"}", "status" },
                { "POST", "/v1/auth/login", "{\"username\":\"x\",\"password\":\"y\",\"grants\":[]}", "grants" } };
        for (String[] a : attempts) {
            HttpResponse<String> r = bearer(admin, a[0], a[1], a[2]);
            assertEquals(a[1] + " " + r.body(), 400, r.statusCode());
            assertEquals(a[3], json(r).path("errors").get(0).path("field").asText());
        }
        assertEquals("nothing was created", 0, ok(bearer(admin, "GET", "/v1/accounts?q=mass.assign", null)).path("total").asInt());
    }

    private static HttpResponse<String> call(String token, String method, String path, String body, String type) {
        return token == null ? http(method, path, body, "Content-Type", type)
                : http(method, path, body, "Authorization", "Bearer " + token, "Content-Type", type);
    }

    // ---- fixtures ----

    private static JsonNode ok(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(r.uri() + ": " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }

    private static String staff(String admin, String username, String unit, String kind) {
        return ok(bearer(admin, "POST", "/v1/accounts", "{\"username\":\"" + username + "\",\"displayName\":\"" + username + "\",\"kind\":\""
                + kind + "\",\"homeUnitId\":\"" + unit + "\",\"password\":\"" + PASSWORD + "\"}")).path("account").path("id").asText();
    }

    private static HttpResponse<String> grant(String admin, String account, String role, String unit) {
        return bearer(admin, "POST", "/v1/accounts/" + account + "/grants", "{\"role\":\"" + role + "\",\"unitId\":\"" + unit + "\"}");
    }

    /** Registers the member with a code the administrator issues, signs in; the access token. */
    private static String member(String admin, JsonNode m) {
        String code = ok(bearer(admin, "POST", "/v1/activation-codes", "{\"memberId\":\"" + m.path("id").asText() + "\"}")).path("code").asText();
        ok(bearer(null, "POST", "/v1/auth/register", "{\"cardNumber\":\"" + m.path("cardNumber").asText() + "\",\"dateOfBirth\":\""
                + m.path("dateOfBirth").asText() + "\",\"activationCode\":\"" + code + "\",\"password\":\"" + PASSWORD + "\"}"));
        return tokenOf(m.path("cardNumber").asText(), PASSWORD);
    }

    private List<Op> endpoints() {
        JsonNode doc = json(get("/openapi.json"));
        List<Op> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            String path = p.getKey().startsWith("/api") ? p.getKey().substring(4) : p.getKey();
            for (Iterator<Map.Entry<String, JsonNode>> methods = p.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> m = methods.next();
                JsonNode op = m.getValue();
                if (!op.isObject() || !Set.of("get", "post", "put", "patch", "delete").contains(m.getKey())) {
                    continue;
                }
                boolean isPublic = op.path("security").isArray() && op.path("security").isEmpty();
                String permission = op.hasNonNull("x-sotay-permission") ? op.get("x-sotay-permission").asText() : null;
                Iterator<String> types = op.path("requestBody").path("content").fieldNames();
                ops.add(new Op(m.getKey().toUpperCase(), path, isPublic, permission, types.hasNext() ? types.next() : null));
            }
        }
        return ops;
    }

    private static boolean covers(Set<String> patterns, String permission) {
        for (String p : patterns) {
            if (p.equals("*") || p.equals(permission) || (p.endsWith(".*") && permission.startsWith(p.substring(0, p.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private <T> T service(Class<T> type) {
        ServiceReference<T> ref = bundleContext.getServiceReference(type);
        return bundleContext.getService(ref);
    }

    /**
     * Tokens for the administrator's own account that must all fail: forged with the platform's
     * real signing key (read from its table) but expired; signed by another key under the real key
     * id; {@code alg: none}; and plain garbage. A control token forged the same way but valid
     * must pass, or the forgeries prove nothing.
     */
    private Map<String, String> badTokens(String adminId, String root) throws Exception {
        String kid;
        PrivateKey key;
        DataSource ds = bundleContext.getService(bundleContext.getServiceReferences(DataSource.class, "(osgi.jndi.service.name=sotay)")
                .iterator().next());
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT KID, PRIVATE_KEY FROM IDN_SIGNING_KEY WHERE RETIRED_MS IS NULL")) {
            assertTrue(rs.next());
            kid = rs.getString(1);
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(rs.getString(2))));
        }
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iss\":\"sotay\",\"aud\":\"sotay\",\"sub\":\"" + adminId + "\",\"name\":\"x\",\"iat\":%d,\"exp\":%d,"
                + "\"grants\":[{\"r\":\"PROVINCIAL_ADMIN\",\"u\":\"" + root + "\"}]}";
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String control = jws(header, String.format(claims, now, now + 300), key);
        assertEquals("a valid forged token passes (the forgeries below are real tests)", 200,
                bearer(control, "GET", "/v1/auth/me", null).statusCode());

        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no token", null);
        bad.put("a malformed token", "not-a-token");
        bad.put("three garbage parts", "aaa.bbb.ccc");
        bad.put("an expired token", jws(header, String.format(claims, now - 900, now - 300), key));
        bad.put("a token signed by another key", jws(header, String.format(claims, now, now + 300), g.generateKeyPair().getPrivate()));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        bad.put("alg none", b64.encodeToString(("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(String.format(claims, now, now + 300).getBytes(StandardCharsets.UTF_8)) + ".");
        return bad;
    }

    private static String jws(String header, String claims, PrivateKey key) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(s.sign());
    }

    static void noSecrets(HttpResponse<String> r) {
        IdentityIT.noSecrets(r);
    }
}
