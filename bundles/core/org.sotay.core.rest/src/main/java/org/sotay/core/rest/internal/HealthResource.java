package org.sotay.core.rest.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.Required;
import org.sotay.core.api.Returns;
import org.sotay.core.api.health.HealthIndicator;
import org.sotay.core.api.health.HealthPermissions;
import org.sotay.core.api.health.HealthResult;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.PublicEndpoint;

/**
 * {@code GET /api/v1/health}: 200 when every installed Sotay module and every health check is UP,
 * 503 otherwise. A module is the set of bundles {@code org.sotay.<module>.*}, or of the bundles whose
 * manifest names it in {@code Sotay-Module} (an integrator's, see {@link Modules}); it is UP when all
 * its bundles are active and all their enabled components are satisfied.
 * <p>
 * Public, so a load balancer or a monitor can ask without a token; but then it answers only the
 * statuses (the whole, each module, each check). Why something is DOWN (component failures,
 * database messages, the bootstrap's account name), the bundles, the version and the uptime go
 * only to callers holding {@link HealthPermissions#READ}. The report is computed at most once per
 * {@link #CACHE_NANOS} (a walk over every component and a database round trip), so polling the
 * endpoint cannot load the database.
 */
@Component(service = HealthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/health")
public class HealthResource {
    /** Registered by Karaf once every boot feature is installed; until then the platform is starting, not healthy. */
    static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final Instant started = Instant.now();
    /** How long one computed report is served again. */
    static final long CACHE_NANOS = 1_500_000_000L;
    private final List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();
    private final CallerContext callers;
    private record Computed(Report report, long at) {
    }
    private volatile Computed last;

    @Activate
    public HealthResource(BundleContext context, @Reference ServiceComponentRuntime scr, @Reference CallerContext callers) {
        this.context = context;
        this.scr = scr;
        this.callers = callers;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addIndicator(HealthIndicator indicator) {
        indicators.add(indicator);
    }

    void removeIndicator(HealthIndicator indicator) {
        indicators.remove(indicator);
    }

    /** The health report body; {@code version} and {@code uptimeSeconds} only for callers holding {@code health.read}. */
    public record Report(@Required String status, String version, Long uptimeSeconds, @Required List<Module> modules,
            @Required List<Check> checks) {
        /** The statuses only: what anyone may see. */
        Report statuses() {
            return new Report(status, null, null, modules.stream().map(m -> new Module(m.name(), m.status(), null, null)).toList(),
                    checks.stream().map(c -> new Check(c.name(), c.status(), null)).toList());
        }
    }

    /** One module; its bundles and, when DOWN, why, for callers holding {@code health.read}. */
    public record Module(@Required String name, @Required String status, List<String> bundles, List<String> problems) {
    }

    /** One health check of a module (the database, ...). */
    public record Check(@Required String name, @Required String status, Map<String, Object> details) {
    }

    @GET
    @PublicEndpoint
    @Produces(MediaType.APPLICATION_JSON)
    @Returns(value = Report.class, description = "Every module and health check is UP (the details with health.read)")
    @Returns(value = Report.class, status = 503, description = "Something is DOWN (or Karaf is still starting): the report says what")
    public Response health() {
        long now = System.nanoTime();
        Computed c = last;
        if (c == null || now - c.at() > CACHE_NANOS) {
            c = new Computed(compute(), now);
            last = c;
        }
        Report report = callers.current().has(HealthPermissions.READ) ? c.report() : c.report().statuses();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status("UP".equals(report.status()) ? 200 : 503).entity(report).cacheControl(noStore).build();
    }

    private Report compute() {
        List<Module> modules = modules();
        List<Check> checks = new ArrayList<>();
        for (HealthIndicator i : indicators) {
            HealthResult r;
            try {
                r = i.check();
            } catch (RuntimeException e) {
                r = HealthResult.down(e.getClass().getSimpleName());
            }
            checks.add(new Check(i.name(), r.status().name(), r.details()));
        }
        if (context.getServiceReference(BOOT_FINISHED) == null) {
            checks.add(new Check("boot", "DOWN", Map.of("reason", "Karaf is still installing its boot features")));
        }
        checks.sort(Comparator.comparing(Check::name));
        boolean up = modules.stream().allMatch(m -> "UP".equals(m.status())) && checks.stream().allMatch(c -> "UP".equals(c.status()));
        return new Report(up ? "UP" : "DOWN", context.getBundle().getVersion().toString(),
                Duration.between(started, Instant.now()).toSeconds(), modules, checks);
    }

    private List<Module> modules() {
        Map<String, List<Bundle>> byModule = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            String module = Modules.of(b);
            if (module != null) {
                byModule.computeIfAbsent(module, k -> new ArrayList<>()).add(b);
            }
        }
        List<Module> out = new ArrayList<>();
        for (Map.Entry<String, List<Bundle>> e : byModule.entrySet()) {
            List<String> names = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Bundle b : e.getValue()) {
                names.add(b.getSymbolicName());
                if (b.getState() != Bundle.ACTIVE && !isFragment(b)) {
                    problems.add(b.getSymbolicName() + " is " + state(b.getState()));
                    continue;
                }
                for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                    if (!scr.isComponentEnabled(d)) {
                        continue;
                    }
                    for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                        String why = switch (c.state) {
                            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "waits for " + missing(c);
                            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed to start: " + c.failure;
                            default -> null;
                        };
                        if (why != null) {
                            problems.add(d.name + " " + why);
                        }
                    }
                }
            }
            names.sort(null);
            out.add(new Module(e.getKey(), problems.isEmpty() ? "UP" : "DOWN", names, problems.isEmpty() ? null : problems));
        }
        return out;
    }

    private static String missing(ComponentConfigurationDTO c) {
        List<String> refs = new ArrayList<>();
        if (c.unsatisfiedReferences != null) {
            for (var r : c.unsatisfiedReferences) {
                refs.add(r.name + (r.target == null ? "" : " " + r.target));
            }
        }
        return String.join(", ", refs);
    }

    private static boolean isFragment(Bundle b) {
        return b.getHeaders().get("Fragment-Host") != null;
    }

    private static String state(int state) {
        Map<Integer, String> names = new LinkedHashMap<>();
        names.put(Bundle.INSTALLED, "installed (not resolved)");
        names.put(Bundle.RESOLVED, "resolved (not started)");
        names.put(Bundle.STARTING, "starting");
        names.put(Bundle.STOPPING, "stopping");
        names.put(Bundle.UNINSTALLED, "uninstalled");
        return names.getOrDefault(state, "in state " + state);
    }
}
