package org.sotay.core.testing;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

@Entity
@Table(name = "TST_ROW")
public class RowEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "PATH")
    String path;
    @Column(name = "FLAG")
    boolean flag;
    @Version
    @Column(name = "VERSION")
    long version;

    RowEntity() {
    }

    RowEntity(String id, String path) {
        this.id = id;
        this.path = path;
    }
}
