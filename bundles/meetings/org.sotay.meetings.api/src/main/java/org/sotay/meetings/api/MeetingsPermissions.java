package org.sotay.meetings.api;

/** Permissions of the meetings module, held at an org unit and covering its subtree. */
public final class MeetingsPermissions {
    /** See the meetings of the subtree, their agenda, roll and minutes (a member: their cell's; staff: every cell below them). */
    public static final String READ = "meetings.read";
    /** Check in to a meeting of one's own cell (a member's own account) and subscribe to its calendar. */
    public static final String ATTEND = "meetings.attend";
    /** Schedule, move and cancel meetings, keep venues and patterns, mark attendance, write and approve minutes (secretaries, deputies, staff above). */
    public static final String MANAGE = "meetings.manage";

    private MeetingsPermissions() {
    }
}
