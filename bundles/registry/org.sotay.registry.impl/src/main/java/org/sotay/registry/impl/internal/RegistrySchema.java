package org.sotay.registry.impl.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.persistence.MigrationReport;
import org.sotay.core.api.persistence.SchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's schema, migrated when this component activates. Every registry component
 * references it, so none touches the tables before they are up to date; if a migration fails,
 * this component fails and the health endpoint names it.
 */
@Component(service = RegistrySchema.class)
public class RegistrySchema {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrySchema.class);
    static final String MODULE = "registry";
    private final MigrationReport report;
    private final String dialect;

    @Activate
    public RegistrySchema(BundleContext context, @Reference SchemaMigrator migrator,
            @Reference(target = "(osgi.jndi.service.name=sotay)") DataSource dataSource) {
        this.report = migrator.migrate(MODULE, context.getBundle(), "db/migration/" + MODULE);
        this.dialect = migrator.dialect();
        // the name index, new in V8: index the members written before it, once (a flag row says it is done)
        try (Connection c = dataSource.getConnection()) {
            long t0 = System.nanoTime();
            long n = MemberWords.fillIfNeeded(c);
            if (n >= 0) {
                LOG.info("Name index REG_MEMBER_WORD filled for {} existing members in {} ms", n, (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (SQLException e) {
            // another node filling at the same time (a duplicate key): its rows are as good; the next start checks again
            LOG.warn("Name index REG_MEMBER_WORD not filled on this node, retried at the next start: {}", e.toString());
        }
    }

    MigrationReport report() {
        return report;
    }

    String dialect() {
        return dialect;
    }
}
