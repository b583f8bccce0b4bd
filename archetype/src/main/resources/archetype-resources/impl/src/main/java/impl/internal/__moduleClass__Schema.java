#set( $symbol_pound = '#' )
#set( $symbol_dollar = '$' )
package ${package}.impl.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.persistence.SchemaMigrator;

/**
 * The module's schema, migrated when this component activates ({@code db/migration/${moduleName}/V<n>__*.sql}; never
 * edit an applied script, add a new one). Every component that touches the tables references it, so none
 * runs before the tables are up to date; a failing migration fails this component, and the health endpoint
 * names it.
 */
@Component(service = ${moduleClass}Schema.class)
public class ${moduleClass}Schema {
    static final String MODULE = "${moduleName}";

    @Activate
    public ${moduleClass}Schema(BundleContext context, @Reference SchemaMigrator migrator) {
        migrator.migrate(MODULE, context.getBundle(), "db/migration/" + MODULE);
    }
}
