package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The party-fees sample as an operator deploys it, into the running distribution, while a load loop
 * calls other modules' endpoints (the loop of {@link HotSwapIT}): {@code feature:install sotay-fees},
 * use it over HTTP with a token (a quote, a cell's sheet, a payment recorded once, a 409 for another
 * amount), see its figure in the reports' drill-down, {@code bundle:update} its impl bundle and use it
 * again (the payment is still there), {@code feature:uninstall} it (its paths and its figure leave).
 * The loop must see no failure.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class FeesHotSwapIT extends SotayTestSupport {
    private static final String FEATURE = "sotay-fees";
    private static final String TOKEN = "itest-fees-token";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Inject
    FeaturesService features;

    @Inject
    ConfigurationAdmin configs;

    @Before
    public void ready() {
        registerTestAuth();
        awaitHealthy();
        CALLERS.put(TOKEN, callerAt("itest-fees", Set.of(rootUnit()),
                Set.of("fees.payment.read", "fees.payment.record", "registry.read", "reporting.read")));
    }

    @Test
    public void installUseUpdateAndUninstallThePartyFeesModuleWhileTheOthersServe() throws Exception {
        String[] auth = { "Authorization", "Bearer " + TOKEN };
        JsonNode member = json(get("/v1/members?limit=1&status=OFFICIAL", auth)).path("items").get(0);
        String memberId = member.path("id").asText();
        String cell = member.path("cellId").asText();
        LocalDate today = LocalDate.now(VIETNAM);
        String period = YearMonth.from(today).toString();
        String report = "/v1/reports/adoption/" + cell + "?at=" + today;
        await("the cell's adoption figures", 120, () -> get(report, auth).statusCode() == 200);
        assertTrue("not installed at the start", !features.isInstalled(features.getFeature(FEATURE)));
        assertEquals(404, get("/v1/fees/quote?category=PENSION&income=5000000", auth).statusCode());

        HotSwapIT.Load load = new HotSwapIT.Load(List.of(new String[] { "/openapi.json" }, new String[] { "/v1/members?limit=5", auth[0], auth[1] },
                new String[] { report, auth[0], auth[1] }));
        try {
            String version = features.getFeature(FEATURE).getVersion();
            features.installFeature(FEATURE, version, EnumSet.noneOf(FeaturesService.Option.class));
            await("the fees endpoints", 90, () -> get("/v1/fees/quote?category=PENSION&income=5000000", auth).statusCode() == 200);
            JsonNode quote = json(get("/v1/fees/quote?category=PENSION&income=5000000", auth));
            assertEquals("0.5% of a pension of 5,000,000 đ", 25_000, quote.path("amountDong").asLong());
            assertEquals("0,5% của lương hưu (5.000.000 đ), làm tròn đến đồng: 25.000 đ.", quote.path("ruleVi").asText());
            HttpResponse<String> bad = get("/v1/fees/quote?category=PENSION&income=-1", auth);
            assertEquals(400, bad.statusCode());
            assertEquals("income", json(bad).path("errors").get(0).path("field").asText());
            // the rates are PID org.sotay.fees (etc/org.sotay.fees.cfg, shipped by the feature), applied live: round to 1,000 đ and back
            String pension = "/v1/fees/quote?category=PENSION&income=1300000";
            assertEquals(6_500, json(get(pension, auth)).path("amountDong").asLong());
            Configuration rates = configs.getConfiguration("org.sotay.fees", "?");
            Dictionary<String, Object> shipped = rates.getProperties();
            assertTrue("the feature shipped etc/org.sotay.fees.cfg", shipped != null && "50".equals(String.valueOf(shipped.get("pensionRateBasisPoints"))));
            Dictionary<String, Object> thousand = new Hashtable<>();
            for (java.util.Enumeration<String> k = shipped.keys(); k.hasMoreElements();) {
                String key = k.nextElement();
                thousand.put(key, shipped.get(key));
            }
            thousand.put("roundingDong", "1000");
            rates.update(thousand);
            await("the new rounding applied live", 30, () -> json(get(pension, auth)).path("amountDong").asLong() == 7_000);
            rates.update(shipped);
            await("the shipped rounding back", 30, () -> json(get(pension, auth)).path("amountDong").asLong() == 6_500);
            assertEquals(400, get("/v1/fees/units/" + cell + "/sheets/2026-13", auth).statusCode());
            assertEquals(401, get("/v1/fees/units/" + cell + "/sheets/" + period).statusCode());

            HttpResponse<String> opened = http("PUT", "/v1/fees/units/" + cell + "/sheets/" + period, null, auth);
            assertEquals(opened.body(), 200, opened.statusCode());
            assertTrue("the cell's members are due", json(opened).path("due").asInt() > 0);
            String payment = "{\"payments\":[{\"memberId\":\"" + memberId + "\",\"method\":\"CASH\",\"category\":\"INSURED_SALARY\",\"incomeDong\":6800000}]}";
            HttpResponse<String> paid = http("POST", "/v1/fees/units/" + cell + "/sheets/" + period + "/payments", payment, auth[0], auth[1],
                    "Content-Type", "application/json");
            assertEquals(paid.body(), 200, paid.statusCode());
            assertEquals(1, json(paid).path("recorded").asInt());
            assertEquals(68_000, json(paid).path("lines").get(0).path("amountDong").asLong());
            HttpResponse<String> again = http("POST", "/v1/fees/units/" + cell + "/sheets/" + period + "/payments", payment, auth[0], auth[1],
                    "Content-Type", "application/json");
            assertEquals("the same payment again is not a second one", 1, json(again).path("unchanged").asInt());
            HttpResponse<String> other = http("POST", "/v1/fees/units/" + cell + "/sheets/" + period + "/payments",
                    payment.replace("6800000", "7000000"), auth[0], auth[1], "Content-Type", "application/json");
            assertEquals(409, other.statusCode());
            assertTrue(other.body(), json(other).path("type").asText().endsWith("fees.already-paid"));
            await("the fees figure in the drill-down", 60, () -> paidUp(get(report, auth)) != null);
            JsonNode figure = paidUp(get(report, auth));
            assertEquals(1, figure.path("rate").path("numerator").asLong());
            assertEquals(json(opened).path("due").asLong(), figure.path("rate").path("denominator").asLong());

            // bundle:update of the impl, while the loop runs: the module comes back with its data
            Bundle impl = bundle("org.sotay.fees.impl");
            long before = impl.getLastModified();
            impl.update();
            assertTrue("the impl bundle was updated", impl.getLastModified() >= before);
            await("the fees endpoints after the update", 90, () -> {
                HttpResponse<String> s = get("/v1/fees/units/" + cell + "/sheets/" + period, auth);
                return s.statusCode() == 200 && json(s).path("paid").asInt() == 1;
            });
            JsonNode history = json(get("/v1/fees/members/" + memberId + "/payments?year=" + today.getYear(), auth));
            assertEquals(period, history.get(0).path("period").asText());
            assertEquals("CASH", history.get(0).path("method").asText());

            features.uninstallFeature(FEATURE, version, EnumSet.noneOf(FeaturesService.Option.class));
            await("the fees endpoints to leave", 60, () -> get("/v1/fees/quote?category=STUDENT", auth).statusCode() == 404);
            await("the fees figure to leave the drill-down", 60, () -> paidUp(get(report, auth)) == null);
            await("OpenAPI without the fees paths", 30, () -> !get("/openapi.json").body().contains("/v1/fees/"));
        } finally {
            load.stop();
        }
        assertTrue("the loop ran during the swap: " + load.calls.get(), load.calls.get() > 20);
        assertEquals("another module's endpoint failed during the swap: " + load.failures, List.of(), load.failures);
        System.out.println("FeesHotSwapIT: " + load.calls.get() + " calls of the load loop, " + load.failures.size() + " failed");
        assertTrue(!features.isInstalled(features.getFeature(FEATURE)));
    }

    /** The fees.paid-up figure of the report's total line, or null. */
    private static JsonNode paidUp(HttpResponse<String> report) {
        if (report.statusCode() != 200) {
            throw new AssertionError(report.statusCode() + " " + report.body());
        }
        for (JsonNode c : json(report).path("total").path("contributed")) {
            if ("fees.paid-up".equals(c.path("code").asText())) {
                return c;
            }
        }
        return null;
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
