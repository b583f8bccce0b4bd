package org.sotay.meetings.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** Table {@code MTG_MINUTES}: one row per version of a meeting's minutes; the structured content as JSON. */
@Entity
@Table(name = "MTG_MINUTES")
public class MinutesEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "MEETING_ID")
    String meetingId;
    @Column(name = "NUMBER")
    int number;
    @Column(name = "STATUS")
    String status;
    @Column(name = "CONTENT")
    String content;
    @Column(name = "CORRECTION_REASON")
    String correctionReason;
    @Column(name = "SAVED_MS")
    long savedMs;
    @Column(name = "SAVED_BY")
    String savedBy;
    @Column(name = "APPROVED_MS")
    Long approvedMs;
    @Column(name = "APPROVED_BY")
    String approvedBy;
    @Version
    @Column(name = "VERSION")
    long version;
}
