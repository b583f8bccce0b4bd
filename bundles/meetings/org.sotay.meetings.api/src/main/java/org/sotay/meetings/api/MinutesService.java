package org.sotay.meetings.api;

import java.io.InputStream;
import java.util.List;

/**
 * Minutes. Written and approved with {@link MeetingsPermissions#MANAGE}, read with
 * {@link MeetingsPermissions#READ}. Nothing before the meeting's start; approved minutes are locked
 * (a correction makes a new version); probationary members' votes are refused.
 */
@org.osgi.annotation.versioning.ProviderType
public interface MinutesService {
    /** The current version (the draft being written, else the approved one). */
    Minutes current(String meetingId);

    /** Every version, oldest first. */
    List<Minutes> versions(String meetingId);

    Minutes version(String meetingId, int number);

    /** Creates or replaces the draft. */
    Minutes save(String meetingId, MinutesDraft draft);

    /** Approves the draft of {@code version}: it locks; the meeting counts as held. */
    Minutes approve(String meetingId, long version);

    /** Starts a correction of the approved minutes: a new draft version, copied from it. */
    Minutes correct(String meetingId, String reason);

    /** Stores the photo or PDF of the signed paper minutes (JPEG, PNG or PDF, checked from its bytes). */
    PaperMinutes uploadPaper(String meetingId, String mediaType, InputStream content);

    PaperMinutes paper(String meetingId);

    /** The paper minutes' bytes. */
    InputStream openPaper(String meetingId);
}
