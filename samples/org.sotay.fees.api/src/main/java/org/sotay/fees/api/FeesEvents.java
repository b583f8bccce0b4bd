package org.sotay.fees.api;

/**
 * Event topics of the fees module, delivered through the outbox after the change commits, at least
 * once: consumers are idempotent on {@link #EVENT_ID}. Every event carries {@link #UNITS} (the cell,
 * as a {@code String[]}) and {@link #PERIOD} or {@link #YEAR}. No amounts of a person are sent.
 */
public final class FeesEvents {
    /** A cell's collection sheet for a month was opened ({@link #ID} the sheet, {@link #MEETING} when a held meeting opened it, {@link #MEMBERS}). */
    public static final String SHEET_OPENED = "org/sotay/fees/sheet/OPENED";
    /** Payments were recorded on a sheet ({@link #ID} the sheet, {@link #COUNT} new payments). */
    public static final String PAYMENTS_RECORDED = "org/sotay/fees/sheet/PAYMENTS_RECORDED";
    /** A member reached the configured number of unpaid months in a calendar year ({@link #ID} the member, {@link #YEAR}, {@link #MONTHS}). Sent once per member and year. */
    public static final String MEMBER_ARREARS = "org/sotay/fees/member/ARREARS";

    /** The event's unique id ({@code String}); the same on every delivery of one event. */
    public static final String EVENT_ID = "eventId";
    /** The sheet ({@code unitId:yyyy-MM}) or the member ({@code String}). */
    public static final String ID = "id";
    /** The cell ({@code String[]}). */
    public static final String UNITS = "units";
    /** The month, {@code yyyy-MM} ({@code String}). */
    public static final String PERIOD = "period";
    /** The calendar year ({@code Integer}). */
    public static final String YEAR = "year";
    /** The months unpaid in that year ({@code Integer}). */
    public static final String MONTHS = "months";
    /** The held meeting that opened the sheet ({@code String}; absent when opened by hand). */
    public static final String MEETING = "meeting";
    /** Members on the sheet ({@code Integer}). */
    public static final String MEMBERS = "members";
    /** Payments newly recorded ({@code Integer}). */
    public static final String COUNT = "count";

    private FeesEvents() {
    }
}
