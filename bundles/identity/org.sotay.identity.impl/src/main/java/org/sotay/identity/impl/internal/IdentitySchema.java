package org.sotay.identity.impl.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.persistence.SchemaMigrator;

/** The identity schema, migrated when this component activates; every identity component references it. */
@Component(service = IdentitySchema.class)
public class IdentitySchema {
    static final String MODULE = "identity";

    @Activate
    public IdentitySchema(BundleContext context, @Reference SchemaMigrator migrator) {
        migrator.migrate(MODULE, context.getBundle(), "db/migration/" + MODULE);
    }
}
