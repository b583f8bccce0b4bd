package org.sotay.meetings.impl.internal;

import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/**
 * Table {@code MTG_MEETING}. The local date and time (the deployment's zone) are kept beside the
 * instants, so "the meetings of May" and "19:30" never depend on the server's zone; the agenda is a
 * small JSON document; {@code SEQ} is the iCalendar SEQUENCE.
 */
@Entity
@Table(name = "MTG_MEETING")
public class MeetingEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "UNIT_PATH")
    String unitPath;
    @Column(name = "KIND_CODE")
    String kindCode;
    @Column(name = "TITLE")
    String title;
    @Column(name = "STATUS")
    String status;
    @Column(name = "LOCAL_DATE")
    LocalDate localDate;
    @Column(name = "LOCAL_TIME")
    String localTime;
    @Column(name = "START_MS")
    long startMs;
    @Column(name = "END_MS")
    long endMs;
    @Column(name = "DURATION_MIN")
    int durationMin;
    @Column(name = "VENUE_ID")
    String venueId;
    @Column(name = "VENUE_TEXT")
    String venueText;
    @Column(name = "CHAIR_ID")
    String chairId;
    @Column(name = "MINUTE_TAKER_ID")
    String minuteTakerId;
    @Column(name = "AGENDA_JSON")
    String agendaJson;
    @Column(name = "CHECK_IN_CODE")
    String checkInCode;
    @Column(name = "BEFORE_DEADLINE")
    boolean beforeDeadline;
    @Column(name = "RECORDED_LATE")
    boolean recordedLate;
    @Column(name = "CANCEL_REASON")
    String cancelReason;
    @Column(name = "MINUTES_STATE")
    String minutesState;
    @Column(name = "HELD_MS")
    Long heldMs;
    @Column(name = "PAPER_BLOB_ID")
    String paperBlobId;
    @Column(name = "PAPER_TYPE")
    String paperType;
    @Column(name = "PAPER_SIZE")
    Long paperSize;
    @Column(name = "PAPER_SHA")
    String paperSha;
    @Column(name = "PAPER_MS")
    Long paperMs;
    @Column(name = "PAPER_BY")
    String paperBy;
    @Column(name = "REGISTERED_MS")
    long registeredMs;
    @Column(name = "REGISTERED_BY")
    String registeredBy;
    @Column(name = "UPDATED_MS")
    long updatedMs;
    @Column(name = "SEQ")
    int seq;
    @Version
    @Column(name = "VERSION")
    long version;
}
