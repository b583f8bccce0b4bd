package org.sotay.registry.impl.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.persistence.MigrationReport;
import org.sotay.core.api.persistence.SchemaMigrator;

/**
 * The registry's schema, migrated when this component activates. Every registry component
 * references it, so none touches the tables before they are up to date; if a migration fails,
 * this component fails and the health endpoint names it.
 */
@Component(service = RegistrySchema.class)
public class RegistrySchema {
    static final String MODULE = "registry";
    private final MigrationReport report;
    private final String dialect;

    @Activate
    public RegistrySchema(BundleContext context, @Reference SchemaMigrator migrator) {
        this.report = migrator.migrate(MODULE, context.getBundle(), "db/migration/" + MODULE);
        this.dialect = migrator.dialect();
    }

    MigrationReport report() {
        return report;
    }

    String dialect() {
        return dialect;
    }
}
