package org.sotay.notify.impl.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.persistence.SchemaMigrator;

/** The module's schema, migrated when this component activates. */
@Component(service = NotifySchema.class)
public class NotifySchema {
    static final String MODULE = "notify";

    @Activate
    public NotifySchema(BundleContext context, @Reference SchemaMigrator migrator) {
        migrator.migrate(MODULE, context.getBundle(), "db/migration/" + MODULE);
    }
}
