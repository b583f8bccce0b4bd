package org.sotay.fees.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** Table {@code FEE_ARREARS}: the warning raised once per member and calendar year ({@code ID} = member ':' year). */
@Entity
@Table(name = "FEE_ARREARS")
public class ArrearsEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "MEMBER_ID")
    String memberId;
    @Column(name = "YEAR_NO")
    int year;
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "UNIT_PATH")
    String unitPath;
    @Column(name = "FULL_NAME")
    String fullName;
    @Column(name = "SORT_KEY")
    String sortKey;
    @Column(name = "MONTHS")
    int months;
    @Column(name = "RAISED_MS")
    long raisedMs;
    @Version
    @Column(name = "VERSION")
    long version;
}
