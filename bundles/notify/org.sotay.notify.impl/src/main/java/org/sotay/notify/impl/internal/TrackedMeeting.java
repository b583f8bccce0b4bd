package org.sotay.notify.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** Table {@code NTF_MEETING}: a meeting as its events told this module (never read from the meetings module's tables). */
@Entity
@Table(name = "NTF_MEETING")
public class TrackedMeeting {
    @Id
    @Column(name = "MEETING_ID")
    String meetingId;
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "UNIT_PATH")
    String unitPath;
    @Column(name = "TITLE")
    String title;
    @Column(name = "START_MS")
    long startMs;
    @Column(name = "END_MS")
    long endMs;
    @Column(name = "STATUS")
    String status;
    @Column(name = "SEQ")
    int seq;
    @Column(name = "HELD")
    boolean held;
    @Column(name = "MINUTES")
    boolean minutes;
    @Column(name = "SECRETARY_REMINDED_MS")
    Long secretaryRemindedMs;
    @Column(name = "ESCALATED_MS")
    Long escalatedMs;
    @Column(name = "UPDATED_MS")
    long updatedMs;
}
