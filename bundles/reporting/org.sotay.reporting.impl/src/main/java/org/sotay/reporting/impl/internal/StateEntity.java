package org.sotay.reporting.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A line of RPT_STATE: the writers' lock row, the running rebuild. */
@Entity
@Table(name = "RPT_STATE")
class StateEntity {
    @Id
    @Column(name = "NAME")
    String name;

    @Column(name = "VAL")
    String value;

    @Column(name = "UPDATED_MS")
    long updatedMs;
}
