#set( $symbol_pound = '#' )
#set( $symbol_dollar = '$' )
package ${package}.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/**
 * An item of the ${moduleName} module, placed at an org unit: read by those who hold
 * {@link ${moduleClass}Permissions${symbol_pound}READ} over that unit. {@code version} changes on every update: send it
 * back to update.
 */
public record Item(@Required String id, @Required String unitId, @Required String title, @Required Instant createdAt,
        @Required String createdBy, long version) {
}
