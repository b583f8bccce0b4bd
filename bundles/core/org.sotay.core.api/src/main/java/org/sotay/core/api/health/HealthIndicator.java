package org.sotay.core.api.health;

/**
 * A module's view of its own health. Register one per module as an OSGi service; the health
 * endpoint lists every registered indicator, so a module whose indicator is gone is not
 * installed. {@link #check()} must be quick (well under a second) and must not throw.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface HealthIndicator {
    /** The module's name as shown to operators: {@code registry}, {@code database}, ... */
    String name();

    HealthResult check();
}
