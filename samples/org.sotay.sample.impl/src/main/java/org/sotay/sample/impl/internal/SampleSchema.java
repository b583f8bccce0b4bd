package org.sotay.sample.impl.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.persistence.SchemaMigrator;

/**
 * The module's schema, migrated when this component activates. Every component of the module that
 * touches its tables references it, so none runs before the tables are up to date; a failing
 * migration fails this component, and the health endpoint names it.
 */
@Component(service = SampleSchema.class)
public class SampleSchema {
    static final String MODULE = "sample";

    @Activate
    public SampleSchema(BundleContext context, @Reference SchemaMigrator migrator) {
        migrator.migrate(MODULE, context.getBundle(), "db/migration/" + MODULE);
    }
}
