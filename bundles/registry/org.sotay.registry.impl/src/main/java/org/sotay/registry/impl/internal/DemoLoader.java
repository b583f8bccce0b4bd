package org.sotay.registry.impl.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.sotay.core.api.health.HealthIndicator;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.core.api.health.HealthResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo province into an empty registry. Off unless configured: {@code ./run} writes
 * {@code etc/org.sotay.registry.demo.cfg} for its demo instance; a production instance has no
 * such file. While it loads, the health check "registry-demo" is DOWN, so "healthy" means the
 * demo data is there. It never touches a registry that already has units.
 */
@Component(service = HealthIndicator.class, configurationPid = DemoLoader.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DemoLoader.Config.class)
public class DemoLoader implements HealthIndicator {
    static final String PID = "org.sotay.registry.demo";
    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);

    @ObjectClassDefinition(id = PID, name = "Sotay demo province", description = "Synthetic province loaded into an empty registry")
    @interface Config {
        @AttributeDefinition(description = "Number of members (57597 as in the source report; up to millions for benchmarks)")
        int members() default DemoProvince.DEFAULT_MEMBERS;

        @AttributeDefinition(description = "Random seed: the same seed makes the same province")
        long seed() default 20240525L;
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final Scheduler.Handle loader;
    private volatile HealthResult state = HealthResult.down("demo province: waiting to load");

    @Activate
    public DemoLoader(Config config, @Reference RegistrySchema schema,
            @Reference(target = "(osgi.jndi.service.name=sotay)") DataSource dataSource, @Reference Scheduler scheduler,
            @Reference Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        DemoProvince.Plan plan = DemoProvince.Plan.ofMembers(config.members(), config.seed());
        this.loader = scheduler.execute("registry.demo", c -> load(plan));
    }

    @Deactivate
    void stop() {
        // one transaction: a province cut off here is rolled back, never left half-written
        loader.cancel();
    }

    private void load(DemoProvince.Plan plan) {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM REG_UNIT")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    state = HealthResult.up(Map.of("demo", "registry already has data; nothing loaded"));
                    return;
                }
            }
            state = HealthResult.down("demo province: loading " + plan.members() + " members");
            LOG.info("Đang tạo tỉnh mẫu với {} đảng viên / Loading the demo province with {} members", plan.members(), plan.members());
            c.setAutoCommit(false);
            DemoProvince.Result r;
            try {
                r = new DemoProvince(plan, LocalDate.now(clock), clock.millis()).write(c, "demo");
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("units", r.units());
            details.put("cells", r.cells());
            details.put("members", r.members());
            details.put("appInstalled", r.installed());
            details.put("smartphoneUsers", r.smartphoneUsers());
            details.put("accountRegistered", r.accountRegistered());
            details.put("loadMs", ms);
            state = HealthResult.up(details);
            LOG.info("Đã tạo tỉnh mẫu / Demo province loaded in {} ms: {}", ms, details);
        } catch (Exception e) {
            LOG.error("Không tạo được tỉnh mẫu / The demo province could not be loaded", e);
            state = HealthResult.down("demo province failed; see the log");
        }
    }

    @Override
    public String name() {
        return "registry-demo";
    }

    @Override
    public HealthResult check() {
        return state;
    }
}
