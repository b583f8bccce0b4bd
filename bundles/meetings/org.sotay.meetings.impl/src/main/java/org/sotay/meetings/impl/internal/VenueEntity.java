package org.sotay.meetings.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.sotay.meetings.api.Venue;

/** Table {@code MTG_VENUE}: where a cell meets. */
@Entity
@Table(name = "MTG_VENUE")
public class VenueEntity {
    @Id
    @Column(name = "ID")
    String id;
    @Column(name = "UNIT_ID")
    String unitId;
    @Column(name = "UNIT_PATH")
    String unitPath;
    @Column(name = "NAME")
    String name;
    @Column(name = "ADDRESS")
    String address;
    @Column(name = "INTERNET")
    boolean internet;
    @Column(name = "ACTIVE")
    boolean active;
    @Column(name = "CREATED_MS")
    long createdMs;
    @Version
    @Column(name = "VERSION")
    long version;

    Venue toDto() {
        return new Venue(id, unitId, name, address, internet, active, version);
    }
}
