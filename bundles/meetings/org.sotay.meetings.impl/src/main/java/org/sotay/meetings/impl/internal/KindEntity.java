package org.sotay.meetings.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** Table {@code MTG_KIND}: meeting kinds are data; the minimum duration of each can be set in the configuration. */
@Entity
@Table(name = "MTG_KIND")
public class KindEntity {
    @Id
    @Column(name = "CODE")
    String code;
    @Column(name = "NAME_VI")
    String nameVi;
    @Column(name = "NAME_EN")
    String nameEn;
    @Column(name = "MIN_MINUTES")
    int minMinutes;
    @Column(name = "FOR_CELLS")
    boolean forCells;
    @Column(name = "SORT_ORDER")
    int sortOrder;
}
