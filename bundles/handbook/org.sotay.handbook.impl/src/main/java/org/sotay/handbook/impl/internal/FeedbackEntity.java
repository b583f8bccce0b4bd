package org.sotay.handbook.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** Table {@code HBK_FEEDBACK}: the sender's account is always kept, whatever {@code hideSender} says. */
@Entity
@Table(name = "HBK_FEEDBACK")
public class FeedbackEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "ACCOUNT_ID")
    String accountId;
    @Column(name = "MEMBER_ID")
    String memberId;
    @Column(name = "SENDER_NAME")
    String senderName;
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "UNIT_PATH")
    String unitPath;
    @Column(name = "ITEM_ID")
    String itemId;
    @Column(name = "TOPIC")
    String topic;
    @Column(name = "SUBJECT")
    String subject;
    @Column(name = "BODY")
    String body;
    @Column(name = "HIDE_SENDER")
    int hideSender;
    @Column(name = "STATUS")
    String status;
    @Column(name = "ANSWER")
    String answer;
    @Column(name = "ANSWERED_BY")
    String answeredBy;
    @Column(name = "ANSWERED_MS")
    Long answeredMs;
    @Column(name = "CREATED_MS")
    long createdMs;
    @Column(name = "PUBLISHED_ITEM_ID")
    String publishedItemId;
    @Version
    @Column(name = "VERSION")
    long version;
}
