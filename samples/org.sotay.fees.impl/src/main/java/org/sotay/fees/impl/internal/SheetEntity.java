package org.sotay.fees.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** Table {@code FEE_SHEET}: a cell's opened collection sheet for a month ({@code ID} = unit ':' period). */
@Entity
@Table(name = "FEE_SHEET")
public class SheetEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "UNIT_PATH")
    String unitPath;
    @Column(name = "PERIOD")
    String period;
    @Column(name = "OPENED_MS")
    long openedMs;
    @Column(name = "OPENED_BY")
    String openedBy;
    @Column(name = "MEETING_ID")
    String meetingId;
    @Version
    @Column(name = "VERSION")
    long version;

    static String id(String unitId, String period) {
        return unitId + ":" + period;
    }
}
