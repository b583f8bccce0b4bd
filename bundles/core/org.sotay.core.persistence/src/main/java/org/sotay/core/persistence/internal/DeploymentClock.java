package org.sotay.core.persistence.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's one {@link Clock} service, in the deployment's zone (Vietnam by default) whatever
 * the server's own zone is: every "today" and "now" of every module comes from it
 * ({@code LocalDate.now(clock)}, {@code clock.millis()}), so a change dated today is today in
 * Vietnam even on a server set to UTC between 00:00 and 07:00. Configuration PID
 * {@code org.sotay.core.clock}; a change applies at once.
 */
@Component(service = Clock.class, configurationPid = DeploymentClock.PID)
@Designate(ocd = DeploymentClock.Config.class)
public class DeploymentClock extends Clock {
    static final String PID = "org.sotay.core.clock";
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentClock.class);

    @ObjectClassDefinition(id = PID, name = "Sotay clock", description = "The time zone of the deployment")
    @interface Config {
        @AttributeDefinition(description = "Time zone of the deployment (IANA name): what 'today' means for every date")
        String zone() default "Asia/Ho_Chi_Minh";

        @AttributeDefinition(description = "For tests only: seconds added to the system time (a test moves the clock forward). Keep 0.")
        long testShiftSeconds() default 0;
    }

    private volatile ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
    private volatile Duration shift = Duration.ZERO;

    public DeploymentClock() {
    }

    @Activate
    @Modified
    void configure(Config config) {
        try {
            zone = ZoneId.of(config.zone().strip());
        } catch (DateTimeException | NullPointerException e) {
            LOG.error("Time zone '{}' is not known; keeping {}", config.zone(), zone);
        }
        shift = Duration.ofSeconds(config.testShiftSeconds());
        if (!shift.isZero()) {
            LOG.warn("The Sotay clock is shifted by {} s (testShiftSeconds): for tests only", shift.getSeconds());
        }
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return DeploymentClock.this.withZone(z);
            }

            @Override
            public Instant instant() {
                return DeploymentClock.this.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        Instant now = Instant.now();
        Duration s = shift;
        return s.isZero() ? now : now.plus(s);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }
}
