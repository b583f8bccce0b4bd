package org.sotay.meetings.impl.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.sotay.meetings.api.Feed;
import org.sotay.meetings.api.FeedScope;

/** Table {@code MTG_FEED}: a private calendar feed; the token itself is never stored, only its SHA-256. */
@Entity
@Table(name = "MTG_FEED")
public class FeedEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "TOKEN_HASH")
    String tokenHash;
    @Column(name = "SCOPE")
    String scope;
    @Column(name = "OWNER")
    String owner;
    @Column(name = "MEMBER_ID")
    String memberId;
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "CREATED_MS")
    long createdMs;
    @Column(name = "REVOKED_MS")
    Long revokedMs;

    Feed toDto(String path) {
        return new Feed(id, FeedScope.valueOf(scope), unitId, Instant.ofEpochMilli(createdMs), revokedMs == null ? null : Instant.ofEpochMilli(revokedMs),
                path);
    }
}
