package org.sotay.reporting.impl.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.persistence.SchemaMigrator;

/** The module's schema, migrated when this component activates; every component touching RPT_* references it. */
@Component(service = ReportingSchema.class)
public class ReportingSchema {
    static final String MODULE = "reporting";

    @Activate
    public ReportingSchema(BundleContext context, @Reference SchemaMigrator migrator) {
        migrator.migrate(MODULE, context.getBundle(), "db/migration/" + MODULE);
    }
}
