package org.sotay.core.persistence.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.persistence.SchemaMigrator;

/** The platform's own tables (CORE_*: audit trail, outbox), migrated before anything uses them. */
@Component(service = CoreSchema.class)
public class CoreSchema {
    @Activate
    public CoreSchema(BundleContext context, @Reference SchemaMigrator migrator) {
        migrator.migrate("core", context.getBundle(), "db/migration/core");
    }
}
