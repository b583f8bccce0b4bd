package org.sotay.registry.api;

/**
 * EventAdmin topics of the registry, delivered through the outbox: an event exists if and only if
 * its change was committed, and arrives at least once. Every event carries
 * {@link #ID} (the member or unit id), {@link #UNITS} (the ids of the units affected, as a
 * {@code String[]}) and {@link #EVENT_ID} (unique; consumers are idempotent on it).
 */
public final class RegistryEvents {
    /** A member was added one at a time (an import sends {@link #MEMBERS_IMPORTED} instead). */
    public static final String MEMBER_CREATED = "org/sotay/registry/member/CREATED";
    /** A member's details changed, or the flags the identity module sets (app installed, account registered). */
    public static final String MEMBER_UPDATED = "org/sotay/registry/member/UPDATED";
    /** A member's status changed (a dated change of the status history). */
    public static final String MEMBER_STATUS_CHANGED = "org/sotay/registry/member/STATUS_CHANGED";
    /** A member moved to another cell; {@link #UNITS} holds the old cell and the new one. */
    public static final String MEMBER_TRANSFERRED = "org/sotay/registry/member/TRANSFERRED";
    /** A CSV import was applied; {@link #UNITS} holds the cells whose members it created or changed. Many members at once: re-read those cells. */
    public static final String MEMBERS_IMPORTED = "org/sotay/registry/member/IMPORTED";
    /** A unit was created. */
    public static final String UNIT_CREATED = "org/sotay/registry/unit/CREATED";
    /** Units were renamed, moved, merged or split (dated); {@link #UNITS} holds every unit whose place or name changed. */
    public static final String UNIT_RESTRUCTURED = "org/sotay/registry/unit/RESTRUCTURED";

    /** The event's unique id ({@code String}); the same on every delivery of one event. */
    public static final String EVENT_ID = "eventId";
    /** The member or unit id ({@code String}). */
    public static final String ID = "id";
    /** The ids of the units affected ({@code String[]}). */
    public static final String UNITS = "units";

    private RegistryEvents() {
    }
}
