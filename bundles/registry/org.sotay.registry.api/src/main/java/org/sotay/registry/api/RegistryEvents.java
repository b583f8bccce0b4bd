package org.sotay.registry.api;

/**
 * EventAdmin topics of the registry, delivered through the outbox: an event exists if and only if
 * its change was committed, and arrives at least once. Every event carries
 * {@link #ID} (the member or unit id), {@link #UNITS} (the ids of the units affected, as a
 * {@code String[]}) and {@link #EVENT_ID} (unique; consumers are idempotent on it).
 */
public final class RegistryEvents {
    public static final String MEMBER_CREATED = "org/sotay/registry/member/CREATED";
    public static final String MEMBER_UPDATED = "org/sotay/registry/member/UPDATED";
    public static final String MEMBER_STATUS_CHANGED = "org/sotay/registry/member/STATUS_CHANGED";
    public static final String MEMBER_TRANSFERRED = "org/sotay/registry/member/TRANSFERRED";
    /** A CSV import was applied; {@link #UNITS} holds the cells whose members it created or changed. Many members at once: re-read those cells. */
    public static final String MEMBERS_IMPORTED = "org/sotay/registry/member/IMPORTED";
    public static final String UNIT_CREATED = "org/sotay/registry/unit/CREATED";
    public static final String UNIT_RESTRUCTURED = "org/sotay/registry/unit/RESTRUCTURED";

    public static final String EVENT_ID = "eventId";
    public static final String ID = "id";
    public static final String UNITS = "units";

    private RegistryEvents() {
    }
}
