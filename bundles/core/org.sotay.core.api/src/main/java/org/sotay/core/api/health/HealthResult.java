package org.sotay.core.api.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** {@link Status#UP} or {@link Status#DOWN}, with a few details for operators (never secrets). */
public final class HealthResult {
    public enum Status {
        UP, DOWN
    }

    private final Status status;
    private final Map<String, Object> details;

    private HealthResult(Status status, Map<String, Object> details) {
        this.status = Objects.requireNonNull(status);
        this.details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static HealthResult up(Map<String, Object> details) {
        return new HealthResult(Status.UP, details);
    }

    public static HealthResult up() {
        return up(Map.of());
    }

    public static HealthResult down(String reason) {
        return new HealthResult(Status.DOWN, Map.of("reason", reason));
    }

    public Status status() {
        return status;
    }

    public Map<String, Object> details() {
        return details;
    }
}
