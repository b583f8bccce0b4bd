package org.sotay.registry.impl.internal;

import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.StatusRecord;

@Entity
@Table(name = "REG_MEMBER_STATUS")
public class MemberStatusEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "MEMBER_ID")
    String memberId;
    @Enumerated(EnumType.STRING)
    @Column(name = "FROM_STATUS")
    MemberStatus from;
    @Enumerated(EnumType.STRING)
    @Column(name = "TO_STATUS")
    MemberStatus to;
    @Column(name = "EFFECTIVE")
    LocalDate effective;
    @Column(name = "REASON")
    String reason;
    @Column(name = "RECORDED_MS")
    long recordedMs;
    @Column(name = "RECORDED_BY")
    String recordedBy;

    StatusRecord toDto() {
        return new StatusRecord(from, to, effective, reason, java.time.Instant.ofEpochMilli(recordedMs), recordedBy);
    }
}
