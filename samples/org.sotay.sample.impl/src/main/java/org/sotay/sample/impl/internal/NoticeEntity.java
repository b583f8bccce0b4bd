package org.sotay.sample.impl.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.sotay.sample.api.Notice;

/** Table {@code SMP_NOTICE}, created by {@code db/migration/sample/V1__create_notice.sql}. */
@Entity
@Table(name = "SMP_NOTICE")
public class NoticeEntity {
    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "TITLE", nullable = false, length = 200)
    private String title;

    @Column(name = "BODY", nullable = false, length = 4000)
    private String body;

    @Column(name = "PUBLISHED_AT", nullable = false)
    private Instant publishedAt;

    @Column(name = "PUBLISHED_BY", nullable = false, length = 100)
    private String publishedBy;

    @Version
    @Column(name = "VERSION", nullable = false)
    private long version;

    protected NoticeEntity() {
    }

    NoticeEntity(String id, String title, String body, Instant publishedAt, String publishedBy) {
        this.id = id;
        this.title = title;
        this.body = body;
        this.publishedAt = publishedAt;
        this.publishedBy = publishedBy;
    }

    void edit(String title, String body) {
        this.title = title;
        this.body = body;
    }

    long version() {
        return version;
    }

    Notice toDto() {
        return new Notice(id, title, body, publishedAt, publishedBy, version);
    }
}
