package org.sotay.sample.api;

/**
 * Event topics of the sample module ({@code org/sotay/<module>/<thing>/<EVENT>}), delivered through
 * the outbox after the change commits, at least once: consumers are idempotent on {@link #EVENT_ID}.
 * Every event carries {@link #ID} (the notice) and {@link #UNITS} (its unit, as a {@code String[]}).
 */
public final class SampleEvents {
    /** A notice was published. */
    public static final String NOTICE_PUBLISHED = "org/sotay/sample/notice/PUBLISHED";
    /** A notice was edited. */
    public static final String NOTICE_UPDATED = "org/sotay/sample/notice/UPDATED";

    /** The event's unique id ({@code String}); the same on every delivery of one event. */
    public static final String EVENT_ID = "eventId";
    /** The notice ({@code String}). */
    public static final String ID = "id";
    /** The notice's unit ({@code String[]}). */
    public static final String UNITS = "units";

    private SampleEvents() {
    }
}
