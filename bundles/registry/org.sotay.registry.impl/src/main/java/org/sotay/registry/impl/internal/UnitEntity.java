package org.sotay.registry.impl.internal;

import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.sotay.registry.api.Connectivity;
import org.sotay.registry.api.OrgUnit;

@Entity
@Table(name = "REG_UNIT")
public class UnitEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "CODE")
    String code;
    @Column(name = "NAME")
    String name;
    @Column(name = "NAME_KEY")
    String nameKey;
    @Column(name = "TYPE_CODE")
    String typeCode;
    @Column(name = "PARENT_ID")
    String parentId;
    @Column(name = "PATH")
    String path;
    @Column(name = "DEPTH")
    int depth;
    @Column(name = "VALID_FROM")
    LocalDate validFrom;
    @Column(name = "VALID_TO")
    LocalDate validTo;
    @Column(name = "VENUE")
    String venue;
    @Enumerated(EnumType.STRING)
    @Column(name = "CONNECTIVITY")
    Connectivity connectivity;
    @Version
    @Column(name = "VERSION")
    long version;

    boolean open() {
        return validTo == null;
    }

    OrgUnit toDto() {
        return new OrgUnit(id, code, name, typeCode, parentId, depth, validFrom, validTo, venue, connectivity, version);
    }
}
