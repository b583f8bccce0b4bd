package org.sotay.meetings.api;

import java.util.List;

/**
 * Attendance and the roll. A member checks in to a meeting of their own cell (keyed by the member behind
 * the account, {@link org.sotay.core.api.security.Caller#memberId()}, never an id the client sends), with
 * the short code or a signed QR payload, within the window around the meeting. The secretary marks
 * anyone ({@link MeetingsPermissions#MANAGE}); the roll is computed.
 */
@org.osgi.annotation.versioning.ProviderType
public interface AttendanceService {
    Roll roll(String meetingId);

    /** The caller's own check-in; the entry as recorded. */
    RollEntry checkIn(CheckIn checkIn);

    /** Marks members (all or nothing); the roll after the marks. */
    Roll mark(String meetingId, List<Mark> marks);

    QrCode qr(String meetingId);

    /** Records the attendance: the meeting is held (event HELD, once). Later marks still change the roll until the minutes are approved. */
    Roll recordHeld(String meetingId);
}
