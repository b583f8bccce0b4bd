package org.sotay.notify.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** Table {@code NTF_INBOX}: an account's message counter (locked while a message is numbered) and its read counter. */
@Entity
@Table(name = "NTF_INBOX")
public class InboxEntity {
    @Id
    @Column(name = "ACCOUNT_ID")
    String accountId;
    @Column(name = "LAST_SEQ")
    long lastSeq;
    @Column(name = "READS")
    long reads;
    @Column(name = "UPDATED_MS")
    long updatedMs;
}
