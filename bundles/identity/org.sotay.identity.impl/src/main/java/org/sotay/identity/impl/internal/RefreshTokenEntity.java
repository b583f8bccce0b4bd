package org.sotay.identity.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "IDN_REFRESH_TOKEN")
public class RefreshTokenEntity {
    @Id
    String id;
    @Column(name = "FAMILY_ID")
    String familyId;
    @Column(name = "ACCOUNT_ID")
    String accountId;
    @Column(name = "TOKEN_HASH")
    String tokenHash;
    @Column(name = "DEVICE_ID")
    String deviceId;
    @Column(name = "CREATED_MS")
    long createdMs;
    @Column(name = "EXPIRES_MS")
    long expiresMs;
    @Column(name = "USED_MS")
    Long usedMs;
    @Column(name = "REVOKED_MS")
    Long revokedMs;
}
