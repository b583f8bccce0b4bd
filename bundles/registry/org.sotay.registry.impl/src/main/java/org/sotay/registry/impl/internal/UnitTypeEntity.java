package org.sotay.registry.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.sotay.registry.api.UnitType;

@Entity
@Table(name = "REG_UNIT_TYPE")
public class UnitTypeEntity {
    @Id
    @Column(name = "CODE")
    String code;
    @Column(name = "NAME_VI")
    String nameVi;
    @Column(name = "NAME_EN")
    String nameEn;
    @Column(name = "HOLDS_MEMBERS")
    boolean holdsMembers;
    @Column(name = "RANK_NO")
    int rank;

    UnitType toDto() {
        return new UnitType(code, nameVi, nameEn, holdsMembers, rank);
    }
}
