package org.sotay.handbook.api;

/**
 * EventAdmin topics of the handbook, delivered through the outbox after the change commits, at
 * least once: consumers are idempotent on {@link #EVENT_ID}. Every event carries {@link #EVENT_ID},
 * {@link #ID} (the item, or the feedback for feedback events) and {@link #UNITS} (a {@code String[]}
 * of unit ids: the item's audience units, or the member's cell for a read).
 */
public final class HandbookEvents {
    /** An item became visible to its audience (published now, or its scheduled time came). */
    public static final String ITEM_PUBLISHED = "org/sotay/handbook/item/PUBLISHED";
    /** A published item was edited (a new version; the previous one is kept). */
    public static final String ITEM_UPDATED = "org/sotay/handbook/item/UPDATED";
    /** A published item was withdrawn: it leaves members' lists and sync (a tombstone stays in the delta feed). */
    public static final String ITEM_WITHDRAWN = "org/sotay/handbook/item/WITHDRAWN";
    /** A member read a mandatory item, by themselves or recorded on their behalf ({@link #ON_BEHALF}); sent once per member and item. */
    public static final String ITEM_READ = "org/sotay/handbook/item/READ";
    /** Feedback or a question was answered; {@link #ACCOUNT} is the sender's account, to be told. */
    public static final String FEEDBACK_ANSWERED = "org/sotay/handbook/feedback/ANSWERED";

    /** The event's unique id ({@code String}); the same on every delivery of one event. */
    public static final String EVENT_ID = "eventId";
    /** The item, or the feedback on feedback events ({@code String}). */
    public static final String ID = "id";
    /** Unit ids ({@code String[]}): the item's audience units, or the member's cell on {@link #ITEM_READ}. */
    public static final String UNITS = "units";
    /** The item's kind code ({@code String}), on item events. */
    public static final String KIND = "kind";
    /** The item's title ({@code String}), on item events. */
    public static final String TITLE = "title";
    /** Whether the item is mandatory reading ({@code Boolean}), on item events. */
    public static final String MANDATORY = "mandatory";
    /** The reading deadline as an ISO date ({@code String}, Vietnam's calendar), on mandatory item events only. */
    public static final String DEADLINE = "deadline";
    /** Roles the audience is limited to ({@code String[]}, empty for every member), on item events. */
    public static final String ROLES = "roles";
    /** The member ({@code String}), on {@link #ITEM_READ}. */
    public static final String MEMBER = "memberId";
    /** Whether someone recorded the read on the member's behalf ({@code Boolean}), on {@link #ITEM_READ}. */
    public static final String ON_BEHALF = "onBehalf";
    /** When the member read it ({@code Long}, epoch milliseconds; the client's time for an offline read), on {@link #ITEM_READ}. */
    public static final String READ_AT = "readAtMs";
    /** The account to tell ({@code String}), on {@link #FEEDBACK_ANSWERED}. */
    public static final String ACCOUNT = "accountId";

    private HandbookEvents() {
    }
}
