package org.sotay.handbook.impl.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.persistence.SchemaMigrator;

/** The handbook's schema, migrated when this component activates; every component that touches the tables references it. */
@Component(service = HandbookSchema.class)
public class HandbookSchema {
    static final String MODULE = "handbook";

    @Activate
    public HandbookSchema(BundleContext context, @Reference SchemaMigrator migrator) {
        migrator.migrate(MODULE, context.getBundle(), "db/migration/" + MODULE);
    }
}
