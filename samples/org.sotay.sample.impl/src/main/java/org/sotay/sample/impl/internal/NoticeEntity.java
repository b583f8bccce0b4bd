package org.sotay.sample.impl.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.sotay.sample.api.Notice;

/**
 * Table {@code SMP_NOTICE}. The entity style of the platform: package-private fields named after
 * their columns, instants as epoch milliseconds ({@code *_MS}, {@code long}), the unit's materialized
 * path kept beside its id so the scope filter is one prefix scan of the module's own table, and a
 * {@code @Version} for optimistic locking.
 */
@Entity
@Table(name = "SMP_NOTICE")
public class NoticeEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "UNIT_PATH")
    String unitPath;
    @Column(name = "TITLE")
    String title;
    @Column(name = "BODY")
    String body;
    @Column(name = "PUBLISHED_MS")
    long publishedMs;
    @Column(name = "PUBLISHED_BY")
    String publishedBy;
    @Version
    @Column(name = "VERSION")
    long version;

    Notice toDto() {
        return new Notice(id, unitId, title, body, Instant.ofEpochMilli(publishedMs), publishedBy, version);
    }
}
