package org.sotay.meetings.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** Table {@code MTG_PATTERN}: one regular pattern per cell; the agenda skeleton one item per line. */
@Entity
@Table(name = "MTG_PATTERN")
public class PatternEntity {
    @Id
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "UNIT_PATH")
    String unitPath;
    @Column(name = "DAY_OF_MONTH")
    Integer dayOfMonth;
    @Column(name = "WEEK_OF_MONTH")
    Integer weekOfMonth;
    @Column(name = "WEEKDAY")
    String weekday;
    @Column(name = "START_TIME")
    String startTime;
    @Column(name = "DURATION_MIN")
    int durationMin;
    @Column(name = "KIND_CODE")
    String kindCode;
    @Column(name = "VENUE_ID")
    String venueId;
    @Column(name = "CHAIR_ID")
    String chairId;
    @Column(name = "MINUTE_TAKER_ID")
    String minuteTakerId;
    @Column(name = "AGENDA")
    String agenda;
    @Column(name = "UPDATED_MS")
    long updatedMs;
    @Column(name = "UPDATED_BY")
    String updatedBy;
    @Version
    @Column(name = "VERSION")
    long version;
}
