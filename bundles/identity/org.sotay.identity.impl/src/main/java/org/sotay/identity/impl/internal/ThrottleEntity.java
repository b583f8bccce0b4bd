package org.sotay.identity.impl.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "IDN_LOGIN_THROTTLE")
public class ThrottleEntity {
    @Id
    @Column(name = "KEY_HASH")
    String keyHash;
    int failures;
    @Column(name = "LAST_FAILURE_MS")
    long lastFailureMs;
    @Column(name = "LOCKED_UNTIL_MS")
    long lockedUntilMs;
}
