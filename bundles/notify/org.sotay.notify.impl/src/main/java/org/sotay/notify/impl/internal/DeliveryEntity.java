package org.sotay.notify.impl.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.sotay.notify.api.Delivery;

/** Table {@code NTF_DELIVERY}: a message's delivery through one channel. */
@Entity
@Table(name = "NTF_DELIVERY")
public class DeliveryEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "MESSAGE_ID")
    String messageId;
    @Column(name = "ACCOUNT_ID")
    String accountId;
    @Column(name = "KIND")
    String kind;
    @Column(name = "CHANNEL")
    String channel;
    @Column(name = "STATE")
    String state;
    @Column(name = "ATTEMPTS")
    int attempts;
    @Column(name = "NEXT_MS")
    Long nextMs;
    @Column(name = "LAST_ERROR")
    String lastError;
    @Column(name = "UNIT_PATH")
    String unitPath;
    @Column(name = "CREATED_MS")
    long createdMs;
    @Column(name = "SENT_MS")
    Long sentMs;

    Delivery toDto() {
        return new Delivery(id, messageId, kind, channel, Delivery.State.valueOf(state), attempts, lastError,
                nextMs == null ? null : Instant.ofEpochMilli(nextMs), Instant.ofEpochMilli(createdMs), sentMs == null ? null : Instant.ofEpochMilli(sentMs));
    }
}
