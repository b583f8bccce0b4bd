package org.sotay.fees.impl.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.persistence.SchemaMigrator;

/** The module's schema ({@code db/migration/fees}), migrated when this component activates; every component touching the tables references it. */
@Component(service = FeesSchema.class)
public class FeesSchema {
    static final String MODULE = "fees";

    @Activate
    public FeesSchema(BundleContext context, @Reference SchemaMigrator migrator) {
        migrator.migrate(MODULE, context.getBundle(), "db/migration/" + MODULE);
    }
}
