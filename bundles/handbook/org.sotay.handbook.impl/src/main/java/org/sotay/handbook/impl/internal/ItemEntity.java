package org.sotay.handbook.impl.internal;

import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;
import javax.persistence.Version;

/**
 * Table {@code HBK_ITEM}: the current state of an item. Its audience, tags, attachments, previous editions and
 * search words are rows of their own tables, written on the same connection in the same transaction.
 */
@Entity
@Table(name = "HBK_ITEM")
public class ItemEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "KIND")
    String kind;
    @Column(name = "CATEGORY_ID")
    String categoryId;
    @Column(name = "TITLE")
    String title;
    @Column(name = "SUMMARY")
    String summary;
    @Lob
    @Column(name = "BODY")
    String body;
    @Lob
    @Column(name = "BODY_HTML")
    String bodyHtml;
    /** The tags as written, one per line (their keys are in {@code HBK_TAG}). */
    @Column(name = "TAGS")
    String tags;
    @Column(name = "ISSUER")
    String issuer;
    @Column(name = "DOC_NUMBER")
    String documentNumber;
    @Column(name = "DOC_DATE")
    LocalDate documentDate;
    @Column(name = "STATUS")
    String status;
    @Column(name = "OWNER_UNIT_ID")
    String ownerUnitId;
    @Column(name = "OWNER_PATH")
    String ownerPath;
    /** The roles the audience is limited to, comma-separated; empty for every member. */
    @Column(name = "AUDIENCE_ROLES")
    String audienceRoles;
    @Column(name = "MANDATORY")
    int mandatory;
    @Column(name = "DEADLINE")
    LocalDate deadline;
    @Column(name = "PUBLISH_AT_MS")
    Long publishAtMs;
    @Column(name = "PUBLISHED_MS")
    Long publishedMs;
    @Column(name = "WITHDRAWN_MS")
    Long withdrawnMs;
    @Column(name = "CREATED_MS")
    long createdMs;
    @Column(name = "CREATED_BY")
    String createdBy;
    @Column(name = "UPDATED_MS")
    long updatedMs;
    @Column(name = "CHANGE_MS")
    long changeMs;
    @Column(name = "EDITION")
    int edition;
    @Version
    @Column(name = "VERSION")
    long version;
}
