package org.sotay.core.persistence.internal;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.health.HealthIndicator;
import org.sotay.core.api.health.HealthResult;

/** Reports whether the Sotay database answers, and how fast. */
@Component(service = HealthIndicator.class)
public class DatabaseHealth implements HealthIndicator {
    private final DataSource dataSource;

    @Activate
    public DatabaseHealth(@Reference(target = "(osgi.jndi.service.name=sotay)") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthResult check() {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(2)) {
                return HealthResult.down("connection is not valid");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("product", c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion());
            details.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
            return HealthResult.up(details);
        } catch (Exception e) {
            return HealthResult.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
