package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A province replaces {@code registry.impl} with the file-backed sample while the platform serves:
 * the registry is exported through its own API into the file format, {@code sotay-registry-file} is
 * installed beside the real implementation, {@code registry.impl} is uninstalled, and
 * {@code registry.rest} (unchanged) answers from the file: the same member by id, a search without
 * diacritics, writes refused with 409 {@code registry.read-only}; a member and the administrator
 * still sign in. Then the real implementation comes back and the file feature leaves. A load loop
 * calls identity, the handbook, the sample plugin and the registry's reads all along, with tokens,
 * and counts every failed call with when it happened. Every consumer holds the registry's services
 * through core's stand-ins, so the swap restarts none of them: no call of any group may fail.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class RegistrySwapIT extends SotayTestSupport {
    private static final String FEATURE = "sotay-registry-file";
    private static final String PASSWORD = "mat khau doi bo so 1";

    @Inject
    FeaturesService features;

    @Before
    public void ready() {
        registerTestAuth();
        awaitHealthy();
    }

    /** One endpoint group of the load loop: calls, failures and when the failures happened (ms since the loop started). */
    static final class Tally {
        final AtomicInteger calls = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<Long> failedAt = new CopyOnWriteArrayList<>();
    }

    @Test
    public void replaceTheRegistryImplementationWhileTheOthersServe() throws Exception {
        String admin = adminToken();
        String root = ok(bearer(admin, "GET", "/v1/org-units", null)).get(0).path("id").asText();

        // a member with an account, registered before the export (so the file says so)
        JsonNode m = ok(bearer(admin, "GET", "/v1/members?status=OFFICIAL&accountRegistered=false&appInstalled=false&limit=1", null)).path("items").get(0);
        String memberId = m.path("id").asText();
        String card = m.path("cardNumber").asText();
        String code = ok(bearer(admin, "POST", "/v1/activation-codes", "{\"memberId\":\"" + memberId + "\"}")).path("code").asText();
        ok(bearer(null, "POST", "/v1/auth/register", "{\"cardNumber\":\"" + card + "\",\"dateOfBirth\":\"" + m.path("dateOfBirth").asText()
                + "\",\"activationCode\":\"" + code + "\",\"password\":\"" + PASSWORD + "\"}"));
        String memberToken = tokenOf(card, PASSWORD);

        // ---- the export, through the registry's API, into the file format ----
        long exportStarted = System.nanoTime();
        List<String> lines = new ArrayList<>();
        lines.add("# exported through /api/v1 of the running registry by RegistrySwapIT");
        for (JsonNode t : ok(bearer(admin, "GET", "/v1/org-units/types", null))) {
            lines.add(line("type", t));
        }
        for (JsonNode u : ok(bearer(admin, "GET", "/v1/org-units/" + root + "/tree", null))) {
            lines.add(line("unit", u));
        }
        int exportedMembers = 0;
        for (int offset = 0;;) {
            JsonNode page = ok(bearer(admin, "GET", "/v1/members?limit=200&offset=" + offset, null));
            for (JsonNode x : page.path("items")) {
                lines.add(line("member", x));
                exportedMembers++;
            }
            if (page.path("nextOffset").isNull() || page.path("nextOffset").isMissingNode()) {
                break;
            }
            offset = page.path("nextOffset").asInt();
        }
        long exportMs = (System.nanoTime() - exportStarted) / 1_000_000;
        assertEquals(DEMO_MEMBERS, exportedMembers);
        Path file = Path.of(System.getProperty("karaf.data"), "sotay-registry-file", "registry.jsonl");
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);

        HttpResponse<String> before = bearer(admin, "GET", "/v1/members/" + memberId, null);
        assertEquals(200, before.statusCode());
        assertTrue("registered before the export", json(before).path("accountRegistered").asBoolean());
        assertTrue("the app not installed yet, so a sign-in from the app writes the flag", !json(before).path("appInstalled").asBoolean());
        JsonNode rootSummary = ok(bearer(admin, "GET", "/v1/org-units/" + root, null));
        String folded = org.sotay.core.api.VietnameseText.fold(m.path("fullName").asText());

        // ---- the load loop: identity, handbook, the sample plugin, and the registry's own reads ----
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (String g : List.of("identity", "handbook", "sample", "registry")) {
            tallies.put(g, new Tally());
        }
        AtomicBoolean running = new AtomicBoolean(true);
        long loopStarted = System.nanoTime();
        Map<String, Long> marks = new ConcurrentHashMap<>();
        List<Thread> loops = new ArrayList<>();
        loops.add(loop("identity", tallies, running, loopStarted, () -> bearer(admin, "GET", "/v1/auth/me", null)));
        loops.add(loop("handbook", tallies, running, loopStarted, () -> bearer(memberToken, "GET", "/v1/handbook/items?limit=5", null)));
        loops.add(loop("sample", tallies, running, loopStarted,
                () -> http("GET", "/v1/sample/notices?limit=5", null, "Authorization", "Bearer " + WRITER_TOKEN)));
        AtomicLong flip = new AtomicLong();
        loops.add(loop("registry", tallies, running, loopStarted, () -> flip.incrementAndGet() % 2 == 0
                ? bearer(admin, "GET", "/v1/members/" + memberId, null)
                : bearer(admin, "GET", "/v1/members?limit=5&q=" + java.net.URLEncoder.encode(folded, StandardCharsets.UTF_8), null)));
        loops.forEach(Thread::start);
        Bundle impl = bundle("org.sotay.registry.impl");
        String implLocation = impl.getLocation();
        Bundle rest = bundle("org.sotay.registry.rest");
        long restBefore = rest.getBundleId();
        try {
            await("the loop to run", 30, () -> tallies.values().stream().allMatch(t -> t.calls.get() > 5));

            // ---- the swap: the file-backed registry beside the real one, then the real one uninstalled ----
            marks.put("install", since(loopStarted));
            features.installFeature(FEATURE, features.getFeature(FEATURE).getVersion(), EnumSet.noneOf(FeaturesService.Option.class));
            Bundle fileBundle = bundle("org.sotay.sample.registry.file");
            assertEquals(Bundle.ACTIVE, fileBundle.getState());
            await("the file-backed registry to serve", 60, () -> providers("org.sotay.registry.api.MemberService").contains(fileBundle.getBundleId()));
            marks.put("uninstall", since(loopStarted));
            impl.uninstall();
            marks.put("uninstalled", since(loopStarted));
            await("every registry service to come from the file", 60, () -> List.of("org.sotay.registry.api.MemberService",
                    "org.sotay.registry.api.OrgUnitService", "org.sotay.registry.api.MemberImport", "org.sotay.core.api.security.OrgTree",
                    "org.sotay.registry.api.directory.MemberDirectory").stream()
                    .allMatch(s -> providers(s).equals(List.of(fileBundle.getBundleId()))));
            await("registry.rest to answer from the file", 60, () -> bearer(admin, "GET", "/v1/members/" + memberId, null).statusCode() == 200);
            awaitEveryGroup(admin, memberToken, memberId);
            marks.put("served", since(loopStarted));

            // the same member by id, field for field; a search without diacritics; the same counts
            HttpResponse<String> fromFile = bearer(admin, "GET", "/v1/members/" + memberId, null);
            assertEquals(json(before), json(fromFile));
            assertEquals(before.headers().firstValue("ETag"), fromFile.headers().firstValue("ETag"));
            JsonNode found = ok(bearer(admin, "GET", "/v1/members?limit=50&q=" + java.net.URLEncoder.encode(folded, StandardCharsets.UTF_8), null));
            assertTrue(found.toString(), contains(found.path("items"), memberId));
            JsonNode summaryFromFile = ok(bearer(admin, "GET", "/v1/org-units/" + root, null));
            for (String count : List.of("children", "members", "activeMembers", "smartphoneUsers", "appInstalled", "accountRegistered")) {
                assertEquals(count, rootSummary.path(count), summaryFromFile.path(count));
            }
            assertEquals(rootSummary.path("unit").path("name"), summaryFromFile.path("unit").path("name"));
            assertEquals(DEMO_MEMBERS, ok(bearer(admin, "GET", "/v1/members?limit=1", null)).path("total").asInt());
            HttpResponse<String> health = bearer(admin, "GET", "/v1/health", null);
            assertEquals(health.body(), 200, health.statusCode());
            assertTrue(health.body(), health.body().contains("file (read-only)"));

            // writes: 409 registry.read-only, problem+json
            String draft = "{\"cardNumber\":\"99000001\",\"fullName\":\"Phạm Thị Mới\",\"dateOfBirth\":\"1990-01-01\",\"gender\":\"FEMALE\","
                    + "\"dateAdmitted\":\"2020-01-01\",\"cellId\":\"" + m.path("cellId").asText() + "\"}";
            readOnly(bearer(admin, "POST", "/v1/members", draft));
            readOnly(bearer(admin, "PUT", "/v1/members/" + memberId, draft.replace("}", ",\"version\":" + json(before).path("version").asLong() + "}")));
            readOnly(bearer(admin, "POST", "/v1/members/" + memberId + "/status",
                    "{\"status\":\"LEFT\",\"reason\":\"chuyển đi\",\"version\":" + json(before).path("version").asLong() + "}"));
            readOnly(bearer(admin, "POST", "/v1/org-units/" + m.path("cellId").asText() + "/rename", "{\"name\":\"Chi bộ khác\",\"version\":0}"));
            readOnly(http("POST", "/v1/members/import?dryRun=true", "cardNumber,fullName\n99000002,Lê Văn Mới\n", "Authorization", "Bearer " + admin,
                    "Content-Type", "text/csv"));

            // identity: the administrator and the member sign in again, old tokens still work, the member reads their own record
            assertEquals(200, bearer(admin, "GET", "/v1/auth/me", null).statusCode());
            String adminAgain = tokenOf(ADMIN, ADMIN_PASSWORD);
            assertEquals(200, bearer(adminAgain, "GET", "/v1/members/" + memberId, null).statusCode());
            String memberAgain = tokenOf(card, PASSWORD);
            assertEquals(memberId, ok(bearer(memberAgain, "GET", "/v1/members/me", null)).path("id").asText());
            assertEquals(memberId, ok(bearer(memberToken, "GET", "/v1/members/me", null)).path("id").asText());
            // from the app: identity would mark "app installed" in the registry; the file refuses, the sign-in still succeeds
            HttpResponse<String> fromApp = http("POST", "/v1/auth/login", "{\"username\":" + quote(card) + ",\"password\":" + quote(PASSWORD)
                    + ",\"device\":{\"installationId\":\"swap-it-phone\",\"platform\":\"android\",\"appVersion\":\"1.0\"}}",
                    "Content-Type", "application/json");
            assertEquals(fromApp.body(), 200, fromApp.statusCode());
            assertEquals(memberId, ok(bearer(json(fromApp).path("accessToken").asText(), "GET", "/v1/members/me", null)).path("id").asText());

            // ---- and back: the real implementation started, the file feature removed ----
            marks.put("back", since(loopStarted));
            Bundle again = bundleContext.installBundle(implLocation);
            again.start();
            features.uninstallFeature(FEATURE, features.getFeature(FEATURE).getVersion(), EnumSet.noneOf(FeaturesService.Option.class));
            marks.put("featureUninstalled", since(loopStarted));
            await("every registry service to come from registry.impl", 60, () -> List.of("org.sotay.registry.api.MemberService",
                    "org.sotay.registry.api.OrgUnitService", "org.sotay.core.api.security.OrgTree").stream()
                    .allMatch(s -> providers(s).equals(List.of(bundle("org.sotay.registry.impl").getBundleId()))));
            await("registry.rest to answer from registry.impl", 60, () -> bearer(admin, "GET", "/v1/members/" + memberId, null).statusCode() == 200);
            awaitEveryGroup(admin, memberToken, memberId);
            marks.put("restored", since(loopStarted));
            await("the loop to run after the swap", 30, () -> tallies.values().stream().allMatch(t -> t.calls.get() > 50));
        } finally {
            running.set(false);
            for (Thread t : loops) {
                t.join(30_000);
            }
            System.out.println(report(tallies, marks, exportedMembers, lines.size() - 1 - exportedMembers, exportMs));
        }
        // nothing was written anywhere by the refused writes
        assertEquals(json(before), ok(bearer(admin, "GET", "/v1/members/" + memberId, null)));
        // registry.impl counts a list exactly up to a bound (totalExact), the file counts it all
        JsonNode all = ok(bearer(admin, "GET", "/v1/members?limit=1", null));
        assertTrue(all.toString(), all.path("totalExact").asBoolean(true) ? all.path("total").asInt() == DEMO_MEMBERS
                : all.path("total").asInt() > 0 && all.path("total").asInt() <= DEMO_MEMBERS);
        assertTrue(ok(bearer(admin, "GET", "/v1/members?q=99000001&limit=5", null)).path("items").isEmpty());
        assertEquals("registry.rest was not reinstalled", restBefore, bundle("org.sotay.registry.rest").getBundleId());
        assertEquals(Bundle.ACTIVE, bundle("org.sotay.registry.rest").getState());
        assertEquals(Bundle.ACTIVE, bundle("org.sotay.registry.impl").getState());
        assertEquals("one registry.impl", 1, java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.sotay.registry.impl".equals(b.getSymbolicName())).count());

        String report = report(tallies, marks, exportedMembers, lines.size() - 1 - exportedMembers, exportMs);
        assertTrue(report, tallies.values().stream().allMatch(t -> t.calls.get() > 50));
        // The bar of issue 12: consumers hold the registry's services through core's stand-ins (StandInsIT), so the swap
        // restarts none of them and no call of any group fails, the registry's own reads included.
        System.out.println(report);
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            assertEquals(e.getKey() + " had failed calls during the swap:\n" + report, List.of(), e.getValue().failures);
        }
        awaitEveryGroup(admin, memberToken, memberId);
    }

    private static String report(Map<String, Tally> tallies, Map<String, Long> marks, int members, int units, long exportMs) {
        StringBuilder report = new StringBuilder("RegistrySwapIT: export of " + members + " members and " + units
                + " types and units through the API in " + exportMs + " ms; marks (ms since the loop started) " + new java.util.TreeMap<>(marks) + "\n");
        Long back = marks.get("back");
        tallies.forEach((g, t) -> report.append("  ").append(g).append(": ").append(t.calls.get()).append(" calls, ").append(t.failures.size())
                .append(" failed (").append(t.failedAt.stream().filter(at -> back == null || at < back).count()).append(" going to the file, ")
                .append(t.failedAt.stream().filter(at -> back != null && at >= back).count()).append(" coming back)").append(t.failedAt.isEmpty() ? "" : " at " + t.failedAt.get(0) + ".." + t.failedAt.get(t.failedAt.size() - 1) + " ms")
                .append(t.failures.isEmpty() ? "" : ", first: " + t.failures.get(0)).append('\n'));
        return report.toString();
    }

    /** Every endpoint of the load loop answers 200 again. */
    private static void awaitEveryGroup(String admin, String memberToken, String memberId) {
        await("every endpoint of the loop to answer", 60, () -> bearer(admin, "GET", "/v1/auth/me", null).statusCode() == 200
                && bearer(memberToken, "GET", "/v1/handbook/items?limit=5", null).statusCode() == 200
                && http("GET", "/v1/sample/notices?limit=5", null, "Authorization", "Bearer " + WRITER_TOKEN).statusCode() == 200
                && bearer(admin, "GET", "/v1/members/" + memberId, null).statusCode() == 200);
    }

    private static long since(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static Thread loop(String group, Map<String, Tally> tallies, AtomicBoolean running, long started,
            java.util.function.Supplier<HttpResponse<String>> call) {
        Tally t = tallies.get(group);
        return new Thread(() -> {
            while (running.get()) {
                try {
                    HttpResponse<String> r = call.get();
                    t.calls.incrementAndGet();
                    if (r.statusCode() != 200) {
                        t.failures.add(r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length())));
                        t.failedAt.add(since(started));
                    }
                } catch (RuntimeException | AssertionError e) {
                    t.calls.incrementAndGet();
                    t.failures.add(e.toString());
                    t.failedAt.add(since(started));
                }
            }
        }, "registry-swap-load-" + group);
    }

    private static String line(String kind, JsonNode node) {
        ObjectNode o = JSON.createObjectNode().put("kind", kind);
        o.setAll((ObjectNode) node);
        return o.toString();
    }

    private static void readOnly(HttpResponse<String> r) {
        assertEquals(r.body(), 409, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(r.body(), "urn:sotay:problem:registry.read-only", json(r).path("type").asText());
    }

    private static boolean contains(JsonNode items, String id) {
        for (Iterator<JsonNode> i = items.elements(); i.hasNext();) {
            if (id.equals(i.next().path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode ok(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(r.statusCode() + " " + r.body());
        }
        return json(r);
    }

    /** The ids of the bundles registering {@code type}. */
    /** The bundles providing {@code type} themselves (seen from the system bundle: other bundles see only core's stand-in). */
    private List<Long> providers(String type) {
        try {
            ServiceReference<?>[] refs = bundleContext.getBundle(0).getBundleContext().getAllServiceReferences(type, "(!(sotay.stand-in=*))");
            List<Long> out = new ArrayList<>();
            if (refs != null) {
                for (ServiceReference<?> r : refs) {
                    out.add(r.getBundle().getBundleId());
                }
            }
            return out;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Bundle bundle(String bsn) {
        for (Bundle b : bundleContext.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + bsn);
    }
}
