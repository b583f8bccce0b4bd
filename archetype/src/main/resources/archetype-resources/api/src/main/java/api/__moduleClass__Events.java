#set( $symbol_pound = '#' )
#set( $symbol_dollar = '$' )
package ${package}.api;

/**
 * Event topics of the ${moduleName} module ({@code org/sotay/<module>/<thing>/<EVENT>}), delivered through the
 * outbox after the change commits, at least once: consumers are idempotent on {@link ${symbol_pound}EVENT_ID}. Every
 * event carries {@link ${symbol_pound}ID} (the item) and {@link ${symbol_pound}UNITS} (its unit, as a {@code String[]}).
 */
public final class ${moduleClass}Events {
    /** An item was created. */
    public static final String ITEM_CREATED = "org/sotay/${moduleName}/item/CREATED";
    /** An item was edited. */
    public static final String ITEM_UPDATED = "org/sotay/${moduleName}/item/UPDATED";

    /** The event's unique id ({@code String}); the same on every delivery of one event. */
    public static final String EVENT_ID = "eventId";
    /** The item ({@code String}). */
    public static final String ID = "id";
    /** The item's unit ({@code String[]}). */
    public static final String UNITS = "units";

    private ${moduleClass}Events() {
    }
}
