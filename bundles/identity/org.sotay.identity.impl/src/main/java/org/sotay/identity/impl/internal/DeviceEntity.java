package org.sotay.identity.impl.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.sotay.identity.api.Device;

@Entity
@Table(name = "IDN_DEVICE")
public class DeviceEntity {
    @Id
    String id;
    @Column(name = "ACCOUNT_ID")
    String accountId;
    @Column(name = "INSTALLATION_ID")
    String installationId;
    String platform;
    @Column(name = "APP_VERSION")
    String appVersion;
    @Column(name = "FIRST_SEEN_MS")
    long firstSeenMs;
    @Column(name = "LAST_SEEN_MS")
    long lastSeenMs;

    Device toDto() {
        return new Device(id, installationId, platform, appVersion, Instant.ofEpochMilli(firstSeenMs), Instant.ofEpochMilli(lastSeenMs));
    }
}
