package org.sotay.identity.impl.internal;

import java.time.Instant;
import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

import org.sotay.identity.api.Grant;
import org.sotay.identity.api.Role;

@Entity
@Table(name = "IDN_GRANT")
public class GrantEntity {
    @Id
    String id;
    @Column(name = "ACCOUNT_ID")
    String accountId;
    @Enumerated(EnumType.STRING)
    @Column(name = "ROLE_NAME")
    Role role;
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "VALID_FROM")
    LocalDate validFrom;
    @Column(name = "VALID_TO")
    LocalDate validTo;
    @Column(name = "GRANTED_BY")
    String grantedBy;
    @Column(name = "GRANTED_MS")
    long grantedMs;

    boolean activeOn(LocalDate day) {
        return !validFrom.isAfter(day) && (validTo == null || !validTo.isBefore(day));
    }

    Grant toDto() {
        return new Grant(id, role, unitId, validFrom, validTo, grantedBy, Instant.ofEpochMilli(grantedMs));
    }
}
