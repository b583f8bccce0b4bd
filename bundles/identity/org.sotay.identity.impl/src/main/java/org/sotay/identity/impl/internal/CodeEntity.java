package org.sotay.identity.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

import org.sotay.identity.api.ActivationCode;

@Entity
@Table(name = "IDN_CODE")
public class CodeEntity {
    @Id
    String id;
    @Column(name = "MEMBER_ID")
    String memberId;
    @Column(name = "CODE_HASH")
    String codeHash;
    @Enumerated(EnumType.STRING)
    ActivationCode.Purpose purpose;
    @Column(name = "ISSUED_BY")
    String issuedBy;
    @Column(name = "ISSUED_MS")
    long issuedMs;
    @Column(name = "EXPIRES_MS")
    long expiresMs;
    @Column(name = "USED_MS")
    Long usedMs;
}
