package org.sotay.identity.impl.internal;

import java.time.Instant;
import java.util.List;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.sotay.identity.api.Account;
import org.sotay.identity.api.AccountKind;
import org.sotay.identity.api.Grant;

@Entity
@Table(name = "IDN_ACCOUNT")
public class AccountEntity {
    @Id
    String id;
    String username;
    @Enumerated(EnumType.STRING)
    AccountKind kind;
    @Column(name = "DISPLAY_NAME")
    String displayName;
    @Column(name = "NAME_KEY")
    String nameKey;
    @Column(name = "MEMBER_ID")
    String memberId;
    @Column(name = "HOME_UNIT_ID")
    String homeUnitId;
    @Column(name = "HOME_UNIT_PATH")
    String homeUnitPath;
    @Column(name = "PASSWORD_HASH")
    String passwordHash;
    @Column(name = "PASSWORD_CHANGE_REQUIRED")
    boolean passwordChangeRequired;
    boolean locked;
    @Column(name = "LOCK_REASON")
    String lockReason;
    @Column(name = "LOCKED_UNTIL_MS")
    Long lockedUntilMs;
    @Column(name = "LOCKED_BY")
    String lockedBy;
    @Column(name = "CREATED_MS")
    long createdMs;
    @Column(name = "UPDATED_MS")
    long updatedMs;
    @Column(name = "LAST_LOGIN_MS")
    Long lastLoginMs;
    @Version
    long version;

    /** Locked by staff now (a lock with an end that has passed no longer holds). */
    boolean lockedAt(long now) {
        return locked && (lockedUntilMs == null || lockedUntilMs > now);
    }

    Account toDto(List<Grant> grants, long now) {
        return new Account(id, username, kind, displayName, memberId, homeUnitId, lockedAt(now), lockedAt(now) ? lockReason : null,
                lockedAt(now) && lockedUntilMs != null ? Instant.ofEpochMilli(lockedUntilMs) : null, passwordChangeRequired,
                Instant.ofEpochMilli(createdMs), lastLoginMs == null ? null : Instant.ofEpochMilli(lastLoginMs), grants, version);
    }
}
