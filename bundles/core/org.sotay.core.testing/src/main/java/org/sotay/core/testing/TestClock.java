package org.sotay.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A clock a test sets and moves; in the deployment's zone (Vietnam) unless told otherwise. */
public final class TestClock extends Clock {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private volatile Instant now;
    private final ZoneId zone;

    public TestClock(Instant now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** At {@code local} in Vietnam. */
    public static TestClock at(LocalDateTime local) {
        return new TestClock(local.atZone(VIETNAM).toInstant(), VIETNAM);
    }

    /** Now, in Vietnam. */
    public static TestClock now() {
        return new TestClock(Instant.now(), VIETNAM);
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void set(LocalDateTime local) {
        now = local.atZone(zone).toInstant();
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        TestClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return z;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return now;
    }
}
