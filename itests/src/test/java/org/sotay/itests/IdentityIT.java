package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Identity end to end over real HTTP: the bootstrap administrator, a member's registration with a
 * secretary-issued code, sign-in, refresh rotation with reuse detection, logout, the sign-in
 * back-off, staff locks, and no secret ever in an answer.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class IdentityIT extends SotayTestSupport {
    private static String admin;

    @Before
    public void ready() {
        awaitHealthy();
        if (admin == null) {
            // the bootstrap runs once the demo province has its root unit
            admin = adminToken();
        }
    }

    private static JsonNode ok(HttpResponse<String> r, int status) {
        assertEquals(r.body(), status, r.statusCode());
        noSecrets(r);
        return r.body().isEmpty() ? null : json(r);
    }

    static void noSecrets(HttpResponse<String> r) {
        String body = r.body().toLowerCase();
        for (String secret : new String[] { "pbkdf2", "passwordhash", "password_hash", "privatekey", "codehash", "tokenhash" }) {
            assertFalse("an answer carries " + secret + ": " + r.body(), body.contains(secret));
        }
    }

    /** A member of the demo province who has no account yet. */
    private static JsonNode memberWithoutAccount(int skip) {
        JsonNode page = ok(bearer(admin, "GET", "/v1/members?accountRegistered=false&status=OFFICIAL&limit=50", null), 200);
        return page.path("items").get(skip);
    }

    @Test
    public void registerLoginRefreshCallLogout() {
        JsonNode member = memberWithoutAccount(0);
        String memberId = member.path("id").asText();
        String card = member.path("cardNumber").asText();
        String born = member.path("dateOfBirth").asText();

        JsonNode code = ok(bearer(admin, "POST", "/v1/activation-codes", "{\"memberId\":\"" + memberId + "\"}"), 201);
        assertEquals("REGISTER", code.path("purpose").asText());
        String activation = code.path("code").asText();

        // wrong birth date: refused without saying which detail is wrong
        HttpResponse<String> wrong = bearer(null, "POST", "/v1/auth/register", "{\"cardNumber\":\"" + card + "\",\"dateOfBirth\":\"1901-01-01\","
                + "\"activationCode\":\"" + activation + "\",\"password\":\"mat khau cua toi 1\"}");
        assertEquals(wrong.body(), 400, wrong.statusCode());
        assertEquals("urn:sotay:problem:identity.registration-failed", json(wrong).path("type").asText());

        // a body that tries to set a role is refused by name
        HttpResponse<String> sneaky = bearer(null, "POST", "/v1/auth/register", "{\"cardNumber\":\"" + card + "\",\"dateOfBirth\":\"" + born
                + "\",\"activationCode\":\"" + activation + "\",\"password\":\"mat khau cua toi 1\",\"role\":\"PROVINCIAL_ADMIN\"}");
        assertEquals(sneaky.body(), 400, sneaky.statusCode());
        assertEquals("role", json(sneaky).path("errors").get(0).path("field").asText());

        // the code as a member types it: lower case, a space instead of the dash
        JsonNode account = ok(bearer(null, "POST", "/v1/auth/register", "{\"cardNumber\":\"" + card + "\",\"dateOfBirth\":\"" + born
                + "\",\"activationCode\":\"" + activation.toLowerCase().replace('-', ' ') + "\",\"password\":\"mat khau cua toi 1\"}"), 201);
        assertEquals(card, account.path("username").asText());
        assertEquals(memberId, account.path("memberId").asText());
        // the code works once
        HttpResponse<String> again = bearer(null, "POST", "/v1/auth/register", "{\"cardNumber\":\"" + card + "\",\"dateOfBirth\":\"" + born
                + "\",\"activationCode\":\"" + activation + "\",\"password\":\"mat khau cua toi 2\"}");
        assertEquals(again.body(), 400, again.statusCode());

        HttpResponse<String> signIn = http("POST", "/v1/auth/login", "{\"username\":\"" + card + "\",\"password\":\"mat khau cua toi 1\","
                + "\"device\":{\"installationId\":\"itest-phone-1\",\"platform\":\"android\",\"appVersion\":\"1.2.0\"}}",
                "Content-Type", "application/json");
        JsonNode pair = ok(signIn, 200);
        assertEquals("Bearer", pair.path("tokenType").asText());
        assertEquals(600, pair.path("expiresIn").asInt());
        assertEquals("no-store", signIn.headers().firstValue("Cache-Control").orElse(""));
        String access = pair.path("accessToken").asText();
        String refresh = pair.path("refreshToken").asText();

        JsonNode me = ok(bearer(access, "GET", "/v1/auth/me", null), 200);
        assertEquals(memberId, me.path("memberId").asText());
        assertEquals(1, ok(bearer(access, "GET", "/v1/auth/me/devices", null), 200).size());
        // the registry now knows: account registered, app installed
        JsonNode inRegistry = ok(bearer(admin, "GET", "/v1/members/" + memberId, null), 200);
        assertTrue(inRegistry.path("accountRegistered").asBoolean());
        assertTrue(inRegistry.path("appInstalled").asBoolean());
        // a member holds no registry permission: the member list is not theirs to read
        assertEquals(403, bearer(access, "GET", "/v1/members", null).statusCode());
        // but their own record is: their cell and status, for the modules that address them
        JsonNode self = ok(bearer(access, "GET", "/v1/members/me", null), 200);
        assertEquals(memberId, self.path("id").asText());
        assertEquals(inRegistry.path("cellId").asText(), self.path("cellId").asText());
        assertEquals("the administrator is no member", 404, bearer(admin, "GET", "/v1/members/me", null).statusCode());

        // refresh: a new pair; the old refresh token is spent
        JsonNode second = ok(bearer(null, "POST", "/v1/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}"), 200);
        String refresh2 = second.path("refreshToken").asText();
        assertNotEquals(refresh, refresh2);
        ok(bearer(second.path("accessToken").asText(), "GET", "/v1/auth/me", null), 200);
        // showing the spent one again ends the whole family, the new token with it
        assertEquals(401, bearer(null, "POST", "/v1/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}").statusCode());
        assertEquals(401, bearer(null, "POST", "/v1/auth/refresh", "{\"refreshToken\":\"" + refresh2 + "\"}").statusCode());

        // the reuse ended the family's access tokens too
        assertEquals(401, bearer(second.path("accessToken").asText(), "GET", "/v1/auth/me", null).statusCode());

        // a fresh session, then logout ends it
        JsonNode third = json(login(card, "mat khau cua toi 1"));
        JsonNode fourth = json(login(card, "mat khau cua toi 1"));
        String access3 = third.path("accessToken").asText();
        assertEquals(200, bearer(access3, "GET", "/v1/auth/me", null).statusCode());
        assertEquals(204, bearer(access3, "POST", "/v1/auth/logout", "{\"refreshToken\":\"" + third.path("refreshToken").asText() + "\"}").statusCode());
        assertEquals(401, bearer(null, "POST", "/v1/auth/refresh", "{\"refreshToken\":\"" + third.path("refreshToken").asText() + "\"}").statusCode());
        // and the session's access token ends with it, before its 10 minutes are up
        assertEquals(401, bearer(access3, "GET", "/v1/auth/me", null).statusCode());
        // while a session that did not log out goes on
        ok(bearer(fourth.path("accessToken").asText(), "GET", "/v1/auth/me", null), 200);

        // the audit trail has the registration and the code, with who and from where
        JsonNode audit = ok(bearer(admin, "GET", "/v1/audit?target=" + memberId, null), 200);
        List<String> actions = new ArrayList<>();
        audit.path("items").forEach(i -> actions.add(i.path("action").asText()));
        assertTrue(actions.toString(), actions.contains("code.issue"));
        assertTrue(actions.toString(), actions.contains("member.account-registered"));
        assertEquals("127.0.0.1", audit.path("items").get(0).path("clientAddress").asText());
    }

    @Test
    public void wrongPasswordsBackOffAndTheRightOneWorksAfterTheLock() throws Exception {
        String unit = ok(bearer(admin, "GET", "/v1/org-units", null), 200).get(0).path("id").asText();
        String password = "mot mat khau rat dai 9";
        ok(bearer(admin, "POST", "/v1/accounts", "{\"username\":\"backoff.staff\",\"displayName\":\"Cán bộ thử\",\"kind\":\"STAFF\","
                + "\"homeUnitId\":\"" + unit + "\",\"password\":\"" + password + "\"}"), 201);

        long start = System.nanoTime();
        int checked = 0;
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = login("backoff.staff", "wrong password " + i);
            if (r.statusCode() == 401) {
                checked++;
            } else {
                assertEquals(r.body(), 429, r.statusCode());
                assertTrue(Long.parseLong(r.headers().firstValue("Retry-After").orElse("0")) >= 1);
                refused++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // 5 free attempts, then one more guess per expired lock (2 s, then 4 s): no more than that got checked
        int allowed = 5 + (int) Math.ceil(seconds / 2.0);
        assertTrue(checked + " guesses were checked in " + seconds + " s", checked <= allowed);
        assertTrue(refused > 0);
        // the right password right away is still refused: the lock holds for everyone
        HttpResponse<String> locked = login("backoff.staff", password);
        assertEquals(locked.body(), 429, locked.statusCode());
        long wait = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(wait <= 4);
        Thread.sleep(wait * 1000 + 200);
        assertEquals(200, login("backoff.staff", password).statusCode());
        // and a success forgets the failures
        assertEquals(401, login("backoff.staff", "wrong again").statusCode());
        assertEquals(200, login("backoff.staff", password).statusCode());
    }

    @Test
    public void parallelGuessesDoNotSlipPastTheBackOff() throws Exception {
        // 12 guesses at once at a name that does not even exist: the count is taken before any password is checked
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            answers.add(pool.submit(() -> login("nobody.at.all", "guess number " + n).statusCode()));
        }
        int checked = 0;
        for (java.util.concurrent.Future<Integer> f : answers) {
            int status = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue("401 or 429, got " + status, status == 401 || status == 429);
            checked += status == 401 ? 1 : 0;
        }
        pool.shutdown();
        assertTrue(checked + " of 12 parallel guesses were checked", checked <= 5);
    }

    @Test
    public void anUnknownNameLooksLikeAWrongPassword() {
        HttpResponse<String> unknown = login("khong.ai.ca", "some password 1");
        HttpResponse<String> wrong = login(ADMIN, "some password 1");
        assertEquals(401, unknown.statusCode());
        assertEquals(401, wrong.statusCode());
        assertEquals(json(unknown).path("type"), json(wrong).path("type"));
        assertEquals(json(unknown).path("detail"), json(wrong).path("detail"));
    }

    @Test
    public void staffLockSignsOutAndUnlockRestores() {
        String unit = ok(bearer(admin, "GET", "/v1/org-units", null), 200).get(0).path("id").asText();
        JsonNode created = ok(bearer(admin, "POST", "/v1/accounts", "{\"username\":\"lock.me\",\"displayName\":\"Khoá thử\",\"kind\":\"STAFF\","
                + "\"homeUnitId\":\"" + unit + "\"}"), 201);
        String id = created.path("account").path("id").asText();
        String oneTime = created.path("oneTimeSecret").asText();
        assertTrue(created.path("account").path("passwordChangeRequired").asBoolean());
        JsonNode session = json(login("lock.me", oneTime));
        String lockedOut = session.path("accessToken").asText();
        assertEquals(200, bearer(lockedOut, "GET", "/v1/auth/me", null).statusCode());
        ok(bearer(admin, "POST", "/v1/accounts/" + id + "/lock", "{\"reason\":\"nghỉ phép\"}"), 200);
        // the lock ends the access tokens already issued, not only the refreshes
        assertEquals(401, bearer(lockedOut, "GET", "/v1/auth/me", null).statusCode());
        assertEquals(403, login("lock.me", oneTime).statusCode());
        assertEquals(401, bearer(null, "POST", "/v1/auth/refresh", "{\"refreshToken\":\"" + session.path("refreshToken").asText() + "\"}").statusCode());
        ok(bearer(admin, "POST", "/v1/accounts/" + id + "/unlock", null), 200);
        String token = tokenOf("lock.me", oneTime);
        // the one-time password is changed; the new one works, the old one not
        assertEquals(204, bearer(token, "POST", "/v1/auth/me/password", "{\"currentPassword\":\"" + oneTime
                + "\",\"newPassword\":\"mat khau moi cua toi\"}").statusCode());
        assertEquals(401, login("lock.me", oneTime).statusCode());
        assertFalse(json(login("lock.me", "mat khau moi cua toi")).path("accessToken").asText().isEmpty());
    }

    @Test
    public void theBootstrapMakesExactlyOneAdministratorAndASecondStartChangesNothing() throws Exception {
        assertEquals(1, administrators());
        // a second start of the identity module with other bootstrap values
        org.osgi.service.cm.ConfigurationAdmin cm = bundleContext.getService(bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        org.osgi.service.cm.Configuration c = cm.getConfiguration("org.sotay.identity", null);
        java.util.Dictionary<String, Object> props = c.getProperties();
        props.put("bootstrapAdminUser", "second-admin");
        props.put("bootstrapAdminPassword", "another-password-22");
        c.update(props);
        Bundle impl = null;
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.sotay.identity.impl".equals(b.getSymbolicName())) {
                impl = b;
            }
        }
        impl.stop();
        impl.start();
        awaitHealthy();
        await("identity serves again", 60, () -> login(ADMIN, ADMIN_PASSWORD).statusCode() == 200);
        // the restarted bootstrap reports what it decided
        await("the bootstrap's decision", 60, () -> {
            for (JsonNode check : json(get("/v1/health", "Authorization", "Bearer " + admin)).path("checks")) {
                if ("identity-bootstrap".equals(check.path("name").asText())) {
                    return check.path("details").path("state").asText().startsWith("ignored");
                }
            }
            return false;
        });
        assertEquals(401, login("second-admin", "another-password-22").statusCode());
        admin = tokenOf(ADMIN, ADMIN_PASSWORD);
        assertEquals(1, administrators());
    }

    @Test
    public void aForgottenPasswordIsResetWithANewCodeAndDevicesCanBeSignedOut() {
        JsonNode member = memberWithoutAccount(1);
        String memberId = member.path("id").asText();
        String card = member.path("cardNumber").asText();
        String born = member.path("dateOfBirth").asText();
        String first = ok(bearer(admin, "POST", "/v1/activation-codes", "{\"memberId\":\"" + memberId + "\"}"), 201).path("code").asText();
        ok(bearer(null, "POST", "/v1/auth/register", "{\"cardNumber\":\"" + card + "\",\"dateOfBirth\":\"" + born
                + "\",\"activationCode\":\"" + first + "\",\"password\":\"mat khau dau tien 1\"}"), 201);
        JsonNode phone = json(http("POST", "/v1/auth/login", "{\"username\":\"" + card + "\",\"password\":\"mat khau dau tien 1\","
                + "\"device\":{\"installationId\":\"old-phone\",\"platform\":\"android\"}}", "Content-Type", "application/json"));

        // the member forgot the password: the secretary issues a RESET code
        JsonNode reset = ok(bearer(admin, "POST", "/v1/activation-codes", "{\"memberId\":\"" + memberId + "\"}"), 201);
        assertEquals("RESET", reset.path("purpose").asText());
        // a REGISTER code cannot reset, and the reset code cannot register
        assertEquals(400, bearer(null, "POST", "/v1/auth/password-reset", "{\"cardNumber\":\"" + card + "\",\"dateOfBirth\":\"" + born
                + "\",\"activationCode\":\"" + first + "\",\"password\":\"mat khau thu hai 2\"}").statusCode());
        assertEquals(204, bearer(null, "POST", "/v1/auth/password-reset", "{\"cardNumber\":\"" + card + "\",\"dateOfBirth\":\"" + born
                + "\",\"activationCode\":\"" + reset.path("code").asText() + "\",\"password\":\"mat khau thu hai 2\"}").statusCode());
        assertEquals(401, login(card, "mat khau dau tien 1").statusCode());
        // every session ended with the reset
        assertEquals(401, bearer(null, "POST", "/v1/auth/refresh", "{\"refreshToken\":\"" + phone.path("refreshToken").asText() + "\"}").statusCode());

        JsonNode again = json(http("POST", "/v1/auth/login", "{\"username\":\"" + card + "\",\"password\":\"mat khau thu hai 2\","
                + "\"device\":{\"installationId\":\"new-phone\",\"platform\":\"ios\",\"appVersion\":\"1.0\"}}", "Content-Type", "application/json"));
        String access = again.path("accessToken").asText();
        JsonNode devices = ok(bearer(access, "GET", "/v1/auth/me/devices", null), 200);
        assertEquals(2, devices.size());
        String newPhone = null;
        for (JsonNode d : devices) {
            if ("new-phone".equals(d.path("installationId").asText())) {
                newPhone = d.path("id").asText();
            }
        }
        // signing a device out ends its sessions
        assertEquals(204, bearer(access, "DELETE", "/v1/auth/me/devices/" + newPhone, null).statusCode());
        assertEquals(401, bearer(null, "POST", "/v1/auth/refresh", "{\"refreshToken\":\"" + again.path("refreshToken").asText() + "\"}").statusCode());
        // that was this very session: its access token ends too
        assertEquals(401, bearer(access, "GET", "/v1/auth/me/devices", null).statusCode());
        String web = tokenOf(card, "mat khau thu hai 2");
        assertEquals(1, ok(bearer(web, "GET", "/v1/auth/me/devices", null), 200).size());
        // another member's device is not theirs to remove
        assertEquals(404, bearer(admin, "DELETE", "/v1/auth/me/devices/" + devices.get(0).path("id").asText(), null).statusCode());
    }

    @Test
    public void aTimeBoxedHelperAndTheAuditExport() {
        String root = ok(bearer(admin, "GET", "/v1/org-units", null), 200).get(0).path("id").asText();
        JsonNode member = memberWithoutAccount(2);
        String cell = member.path("cellId").asText();
        String id = ok(bearer(admin, "POST", "/v1/accounts", "{\"username\":\"helper.volunteer\",\"displayName\":\"Đoàn viên tình nguyện\","
                + "\"kind\":\"STAFF\",\"homeUnitId\":\"" + cell + "\",\"password\":\"tinh nguyen vien 2026\"}"), 201).path("account").path("id").asText();
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        String yesterday = java.time.LocalDate.parse(today).minusDays(1).toString();
        // a grant that ended yesterday is refused; one ending today works today
        assertEquals(400, bearer(admin, "POST", "/v1/accounts/" + id + "/grants", "{\"role\":\"INSTALL_HELPER\",\"unitId\":\"" + cell
                + "\",\"validTo\":\"" + yesterday + "\"}").statusCode());
        JsonNode granted = ok(bearer(admin, "POST", "/v1/accounts/" + id + "/grants", "{\"role\":\"INSTALL_HELPER\",\"unitId\":\"" + cell
                + "\",\"validTo\":\"" + today + "\"}"), 201);
        assertEquals(today, granted.path("grants").get(0).path("validTo").asText());
        String helper = tokenOf("helper.volunteer", "tinh nguyen vien 2026");
        // the helper issues a code in the cell, and sees nothing of the rest of the province
        assertEquals(201, bearer(helper, "POST", "/v1/activation-codes", "{\"memberId\":\"" + member.path("id").asText() + "\"}").statusCode());
        assertEquals(404, bearer(helper, "GET", "/v1/org-units/" + root, null).statusCode());
        // a helper cannot make another helper (no grant permission), nor an administrator
        assertEquals(403, bearer(helper, "POST", "/v1/accounts/" + id + "/grants", "{\"role\":\"PROVINCIAL_ADMIN\",\"unitId\":\"" + cell + "\"}")
                .statusCode());

        HttpResponse<String> csv = http("GET", "/v1/audit/export?target=" + member.path("id").asText(), null, "Authorization", "Bearer " + admin);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().startsWith("\uFEFFat,actor,actorName,module,action"));
        assertTrue(csv.body(), csv.body().contains("code.issue") && csv.body().contains("Đoàn viên tình nguyện"));
        noSecrets(csv);
    }

    private static int administrators() {
        JsonNode accounts = ok(bearer(admin, "GET", "/v1/accounts?kind=STAFF&limit=200", null), 200);
        int n = 0;
        for (JsonNode a : accounts.path("items")) {
            for (JsonNode g : a.path("grants")) {
                if ("PROVINCIAL_ADMIN".equals(g.path("role").asText()) && g.path("validTo").isMissingNode()) {
                    n++;
                }
            }
        }
        return n;
    }
}
