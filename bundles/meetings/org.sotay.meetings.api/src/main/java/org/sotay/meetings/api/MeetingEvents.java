package org.sotay.meetings.api;

/**
 * EventAdmin topics of the meetings module, delivered through the outbox after the change commits,
 * at least once: consumers are idempotent on {@link #EVENT_ID}, a stable id the outbox gives every
 * event. Every event carries {@link #ID} (the meeting), {@link #UNITS} (a {@code String[]} holding the
 * meeting's cell) and the meeting's facts below, so that reporting builds its cell-activity funnel and
 * attendance figures, and notify its messages, without reading this module's tables. Numbers arrive as
 * {@code Integer} or {@code Long} (read them as {@link Number}).
 */
public final class MeetingEvents {
    /** A meeting was registered (confirmed from a proposal, created directly, or recorded afterwards). */
    public static final String SCHEDULED = "org/sotay/meetings/meeting/SCHEDULED";
    /** A meeting's date, time or duration changed ({@link #SEQUENCE} grows). */
    public static final String MOVED = "org/sotay/meetings/meeting/MOVED";
    /** A meeting was cancelled ({@link #REASON}). */
    public static final String CANCELLED = "org/sotay/meetings/meeting/CANCELLED";
    /** The meeting was held: its attendance was recorded (the roll's counts below). Sent once per meeting. */
    public static final String HELD = "org/sotay/meetings/meeting/HELD";
    /**
     * The attendance of a meeting already held changed (a later mark, check-in or offline batch,
     * until the minutes are approved): carries the roll's counts as they are now.
     */
    public static final String ATTENDANCE_UPDATED = "org/sotay/meetings/meeting/ATTENDANCE_UPDATED";
    /** The minutes were approved (the first time, or a correction); carries the roll's counts. */
    public static final String MINUTES_APPROVED = "org/sotay/meetings/meeting/MINUTES_APPROVED";
    /** A photo or PDF of signed paper minutes was stored: the meeting counts as held with unstructured minutes. */
    public static final String RECORDED_ON_PAPER = "org/sotay/meetings/meeting/RECORDED_ON_PAPER";

    /** The event's unique id ({@code String}), set by the outbox; the same on every delivery of one event. */
    public static final String EVENT_ID = "eventId";
    /** The meeting id ({@code String}). */
    public static final String ID = "id";
    /** {@code String[]} with the meeting's cell (or committee) unit id. */
    public static final String UNITS = "units";
    /** The meeting kind's code ({@code String}: {@code REGULAR}, {@code THEMATIC}, {@code EXTRAORDINARY}, {@code COMMITTEE}, ...). */
    public static final String KIND = "kind";
    /** The meeting's title ({@code String}). */
    public static final String TITLE = "title";
    /** Scheduled start ({@code Long}, epoch milliseconds). */
    public static final String START_MS = "startMs";
    /** Scheduled end ({@code Long}, epoch milliseconds). */
    public static final String END_MS = "endMs";
    /** The period of the meeting: {@code yyyy-MM} of its local date in the deployment's zone ({@code String}). */
    public static final String PERIOD = "period";
    /** Whether it was registered on or before the cell's deadline for its month (the 20th of the month before, by default) ({@code Boolean}). */
    public static final String BEFORE_DEADLINE = "beforeDeadline";
    /** Whether it was registered only after it started: held but recorded late ({@code Boolean}). */
    public static final String RECORDED_LATE = "recordedLate";
    /** Whether it is shorter than its kind's minimum ({@code Boolean}). */
    public static final String TOO_SHORT = "tooShort";
    /** Whether its venue has internet ({@code Boolean}; absent when the venue is not known). */
    public static final String VENUE_INTERNET = "venueInternet";
    /** The iCalendar SEQUENCE after this change ({@code Integer}). */
    public static final String SEQUENCE = "sequence";
    /** Why it was moved or cancelled ({@code String}). */
    public static final String REASON = "reason";
    /** Documents of the agenda posted to the cell at least the configured time before the start ({@code Integer}). */
    public static final String DOCS_ON_TIME = "docsOnTime";
    /** Documents posted, but later than that ({@code Integer}). */
    public static final String DOCS_LATE = "docsLate";
    /** Documents linked but not visible to the cell's members ({@code Integer}); unknown when the handbook is not installed. */
    public static final String DOCS_MISSING = "docsMissing";
    /** Documents whose status is unknown because the handbook is not installed ({@code Integer}). */
    public static final String DOCS_UNKNOWN = "docsUnknown";
    /** Members on the roll (official, probationary and temporarily attached) ({@code Integer}); on HELD, MINUTES_APPROVED, RECORDED_ON_PAPER. */
    public static final String MEMBERS = "members";
    /** Present official members ({@code Integer}). */
    public static final String PRESENT_OFFICIAL = "presentOfficial";
    /** Present probationary members ({@code Integer}). */
    public static final String PRESENT_PROBATIONARY = "presentProbationary";
    /** Present temporarily attached members ({@code Integer}). */
    public static final String PRESENT_ATTACHED = "presentAttached";
    /** Absent with a reason (excused) ({@code Integer}). */
    public static final String ABSENT_EXCUSED = "absentExcused";
    /** Absent without a reason ({@code Integer}). */
    public static final String ABSENT_UNEXCUSED = "absentUnexcused";
    /** Exempt members on the roll ({@code Integer}). */
    public static final String EXEMPT = "exempt";
    /** Members away on temporary assignment ({@code Integer}). */
    public static final String AWAY = "away";
    /** Attendance entries marked by the secretary ({@code Integer}). */
    public static final String MARKED_BY_SECRETARY = "markedBySecretary";
    /** Attendance entries from members' own check-ins ({@code Integer}). */
    public static final String SELF_CHECK_INS = "selfCheckIns";
    /** Whether structured minutes are approved ({@code Boolean}). */
    public static final String MINUTES_APPROVED_FLAG = "minutesApproved";
    /** Whether the minutes are on paper only ({@code Boolean}). */
    public static final String PAPER = "paper";
    /** The minutes version approved ({@code Integer}), on MINUTES_APPROVED. */
    public static final String MINUTES_VERSION = "minutesVersion";

    private MeetingEvents() {
    }
}
