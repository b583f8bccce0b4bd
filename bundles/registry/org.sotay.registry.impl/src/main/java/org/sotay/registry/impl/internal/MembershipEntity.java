package org.sotay.registry.impl.internal;

import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A member's belonging to a unit over [validFrom, validTo): HOME (one at a time) or TEMPORARY. */
@Entity
@Table(name = "REG_MEMBERSHIP")
public class MembershipEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "MEMBER_ID")
    String memberId;
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "KIND")
    String kind;
    @Column(name = "VALID_FROM")
    LocalDate validFrom;
    @Column(name = "VALID_TO")
    LocalDate validTo;
    @Column(name = "REASON")
    String reason;
    @Column(name = "RECORDED_MS")
    long recordedMs;
    @Column(name = "RECORDED_BY")
    String recordedBy;
}
