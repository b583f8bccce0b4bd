package org.sotay.meetings.impl.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.persistence.SchemaMigrator;

/** The module's schema, migrated when this component activates; every component that touches the tables references it. */
@Component(service = MeetingsSchema.class)
public class MeetingsSchema {
    static final String MODULE = "meetings";

    @Activate
    public MeetingsSchema(BundleContext context, @Reference SchemaMigrator migrator) {
        migrator.migrate(MODULE, context.getBundle(), "db/migration/" + MODULE);
    }
}
