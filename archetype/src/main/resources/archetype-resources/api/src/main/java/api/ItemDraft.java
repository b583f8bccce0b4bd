#set( $symbol_pound = '#' )
#set( $symbol_dollar = '$' )
package ${package}.api;

import org.sotay.core.api.Required;

/**
 * What a client sends to create or edit an item: only what a client may set. {@code unitId} is where it
 * is created (the writer needs {@link ${moduleClass}Permissions${symbol_pound}WRITE} there) and cannot change
 * afterwards; {@code version} is required to edit, and refused to create.
 */
public record ItemDraft(String unitId, @Required String title, Long version) {
    public static final int TITLE_MAX = 200;
}
