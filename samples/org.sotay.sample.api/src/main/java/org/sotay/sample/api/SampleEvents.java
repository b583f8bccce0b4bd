package org.sotay.sample.api;

/**
 * Event topics of the sample module ({@code org/sotay/<module>/<thing>/<EVENT>}), delivered through
 * the outbox after the change commits, at least once: consumers are idempotent on {@link #EVENT_ID}.
 * Every event carries {@link #ID} (the notice) and {@link #UNITS} (its unit, as a {@code String[]}).
 */
public final class SampleEvents {
    public static final String NOTICE_PUBLISHED = "org/sotay/sample/notice/PUBLISHED";
    public static final String NOTICE_UPDATED = "org/sotay/sample/notice/UPDATED";

    public static final String EVENT_ID = "eventId";
    public static final String ID = "id";
    public static final String UNITS = "units";

    private SampleEvents() {
    }
}
