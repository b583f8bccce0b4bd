package org.sotay.registry.impl.internal;

import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.sotay.registry.api.Connectivity;
import org.sotay.registry.api.OrgUnit;

/** One state of a unit and the interval [validFrom, validTo) it held. */
@Entity
@Table(name = "REG_UNIT_HISTORY")
public class UnitHistoryEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "NAME")
    String name;
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
    @Column(name = "CHANGE_KIND")
    String changeKind;
    @Column(name = "REASON")
    String reason;
    @Column(name = "RECORDED_MS")
    long recordedMs;
    @Column(name = "RECORDED_BY")
    String recordedBy;

    /** The unit as it was, with what the history does not date (code, venue, connectivity) as the unit has it now. */
    OrgUnit toDto(UnitEntity now) {
        return new OrgUnit(unitId, now == null ? null : now.code, name, typeCode, parentId, depth, validFrom, validTo,
                now == null ? null : now.venue, now == null ? Connectivity.UNKNOWN : now.connectivity, 0);
    }
}
