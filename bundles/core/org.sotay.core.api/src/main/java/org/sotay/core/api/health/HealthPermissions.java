package org.sotay.core.api.health;

/** The permission of the health endpoint's details. */
public final class HealthPermissions {
    /**
     * Reading the details of {@code GET /api/v1/health}: the bundles of each module and why one is
     * DOWN, each check's details (database product and latency, the bootstrap's state, a module's
     * worker), the version and the uptime. Without it the endpoint answers only the statuses.
     */
    public static final String READ = "health.read";

    private HealthPermissions() {
    }
}
