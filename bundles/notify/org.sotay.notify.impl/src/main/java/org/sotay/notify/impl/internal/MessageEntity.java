package org.sotay.notify.impl.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.sotay.notify.api.Notification;

/** Table {@code NTF_MESSAGE}: one message in one account's inbox. */
@Entity
@Table(name = "NTF_MESSAGE")
public class MessageEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "ACCOUNT_ID")
    String accountId;
    @Column(name = "SEQ")
    long seq;
    @Column(name = "KIND")
    String kind;
    @Column(name = "TITLE_VI")
    String titleVi;
    @Column(name = "TITLE_EN")
    String titleEn;
    @Column(name = "BODY_VI")
    String bodyVi;
    @Column(name = "BODY_EN")
    String bodyEn;
    @Column(name = "LINK")
    String link;
    @Column(name = "DEDUP_KEY")
    String dedupKey;
    @Column(name = "UNIT_PATH")
    String unitPath;
    @Column(name = "CREATED_MS")
    long createdMs;
    @Column(name = "READ_MS")
    Long readMs;

    Notification toDto() {
        return new Notification(id, seq, kind, titleVi, titleEn, bodyVi, bodyEn, link, Instant.ofEpochMilli(createdMs),
                readMs == null ? null : Instant.ofEpochMilli(readMs));
    }
}
