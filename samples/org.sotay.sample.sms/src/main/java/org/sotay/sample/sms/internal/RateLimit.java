package org.sotay.sample.sms.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/** At most {@code perMinute} messages in any 60 seconds (a sliding window of the times they were handed over). */
final class RateLimit {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final int perMinute;
    private final Clock clock;
    private final ArrayDeque<Instant> sent = new ArrayDeque<>();

    RateLimit(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes a slot and answers {@link Duration#ZERO}, or takes none and answers how long until one frees. */
    synchronized Duration acquire() {
        Instant now = clock.instant();
        while (!sent.isEmpty() && !sent.peekFirst().plus(WINDOW).isAfter(now)) {
            sent.pollFirst();
        }
        if (sent.size() < perMinute) {
            sent.addLast(now);
            return Duration.ZERO;
        }
        return Duration.between(now, sent.peekFirst().plus(WINDOW));
    }

    /** Gives back the last slot taken (the message never reached the gateway). */
    synchronized void release() {
        sent.pollLast();
    }
}
