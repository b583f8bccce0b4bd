package org.sotay.meetings.impl.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The demo's clock: the platform's clock, set back to the moment a secretary would have done each step
 * of the demo history (registered the meeting on the 15th, marked the roll at the meeting, approved the
 * minutes the next morning), never later than the platform's now. The services stamp what they record
 * with it and apply their own rules to it (the deadline, "recorded late", no minutes before the start)
 * exactly as they do for a real request at that moment.
 */
final class ReplayClock extends Clock {
    private final Clock platform;
    private volatile long atMs;

    ReplayClock(Clock platform) {
        this.platform = platform;
        this.atMs = platform.millis();
    }

    /** Sets the clock to {@code local} in the deployment's zone; {@code false} (and unchanged) when that is after now. */
    boolean set(LocalDateTime local) {
        long ms = local.atZone(platform.getZone()).toInstant().toEpochMilli();
        if (ms > platform.millis()) {
            return false;
        }
        atMs = ms;
        return true;
    }

    /** Whether {@code local} has happened yet on the platform's clock. */
    boolean past(LocalDateTime local) {
        return local.atZone(platform.getZone()).toInstant().toEpochMilli() <= platform.millis();
    }

    @Override
    public ZoneId getZone() {
        return platform.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the demo's clock keeps the deployment's zone");
    }

    @Override
    public long millis() {
        return Math.min(atMs, platform.millis());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
