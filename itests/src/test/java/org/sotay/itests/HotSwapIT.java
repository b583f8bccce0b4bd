package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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

/**
 * A province removes and adds a module while the platform serves: the module's endpoints leave
 * and come back (in OpenAPI too), its data survives, and another module's endpoint, called in a
 * loop all along, never fails. The core bundles are not refreshed by the swap.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class HotSwapIT extends SotayTestSupport {
    private static final String FEATURE = "sotay-sample";

    @Inject
    FeaturesService features;

    @Before
    public void ready() {
        registerTestAuth();
        awaitHealthy();
    }

    @Test
    public void uninstallAndInstallAModuleWhileTheOthersServe() throws Exception {
        String[] writer = { "Authorization", "Bearer " + WRITER_TOKEN };
        HttpResponse<String> created = http("POST", "/v1/sample/notices", notice("Trước khi gỡ", "Dữ liệu phải còn."),
                "Authorization", "Bearer " + WRITER_TOKEN, "Content-Type", "application/json");
        assertEquals(created.body(), 201, created.statusCode());
        String id = json(created).path("id").asText();

        long applicationId = sotayApplicationServiceId();
        long registryServiceId = serviceId("org.sotay.registry.api.OrgUnitService");

        Load load = new Load(List.<String[]>of(new String[] { "/openapi.json" }));
        try {
            String version = features.getFeature(FEATURE).getVersion();
            features.uninstallFeature(FEATURE, version, EnumSet.noneOf(FeaturesService.Option.class));
            await("the sample endpoints to disappear", 60, () -> get("/v1/sample/notices", writer).statusCode() == 404);
            assertEquals(404, get("/v1/sample/notices/" + id, writer).statusCode());
            await("OpenAPI without the sample paths", 30, () -> !get("/openapi.json").body().contains("/v1/sample/notices"));
            await("health without the sample module", 30, () -> !get("/v1/health").body().contains("\"sample\""));

            features.installFeature(FEATURE, version, EnumSet.noneOf(FeaturesService.Option.class));
            await("the sample endpoints to come back", 60, () -> get("/v1/sample/notices", writer).statusCode() == 200);
            await("OpenAPI with the sample paths", 30, () -> get("/openapi.json").body().contains("/v1/sample/notices"));
            HttpResponse<String> again = get("/v1/sample/notices/" + id, writer);
            assertEquals("data written before the swap is still there", 200, again.statusCode());
            assertEquals("Trước khi gỡ", json(again).path("title").asText());
        } finally {
            load.stop();
        }
        assertTrue("the loop ran during the swap: " + load.calls.get(), load.calls.get() > 20);
        assertEquals("another module's endpoint failed during the swap: " + load.failures, List.of(), load.failures);
        assertEquals("the Sotay application was not re-registered", applicationId, sotayApplicationServiceId());
        assertEquals("another JPA module was not refreshed", registryServiceId, serviceId("org.sotay.registry.api.OrgUnitService"));
        assertEquals(Bundle.ACTIVE, bundle("org.sotay.core.rest").getState());
        assertTrue(features.isInstalled(features.getFeature(FEATURE)));
    }

    /**
     * The load loop: calls other modules' endpoints (path, then header pairs) one after another until
     * stopped, and keeps every answer that is not a 200.
     */
    static final class Load {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger calls = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();
        private final Thread thread;

        Load(List<String[]> requests) {
            thread = new Thread(() -> {
                while (running.get()) {
                    for (String[] req : requests) {
                        try {
                            String[] headers = java.util.Arrays.copyOfRange(req, 1, req.length);
                            HttpResponse<String> r = get(req[0], headers);
                            calls.incrementAndGet();
                            if (r.statusCode() != 200) {
                                failures.add(req[0] + ": " + r.statusCode() + " " + r.body());
                            }
                        } catch (AssertionError e) {
                            failures.add(req[0] + ": " + e);
                        }
                    }
                }
            }, "hot-swap-load");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    private long sotayApplicationServiceId() throws Exception {
        ServiceReference<?>[] refs = bundleContext.getServiceReferences("javax.ws.rs.core.Application", "(osgi.jaxrs.name=sotay)");
        assertEquals(1, refs.length);
        return (Long) refs[0].getProperty("service.id");
    }

    private long serviceId(String type) {
        ServiceReference<?> ref = bundleContext.getServiceReference(type);
        assertTrue(type + " is registered", ref != null);
        return (Long) ref.getProperty("service.id");
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
