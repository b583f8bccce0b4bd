package org.sotay.core.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.sotay.core.metrics} ({@code etc/org.sotay.core.metrics.cfg}). */
@ObjectClassDefinition(id = MetricsConfig.PID, name = "Sotay metrics", description = "Prometheus metrics of this node at /api/v1/metrics")
@interface MetricsConfig {
    String PID = "org.sotay.core.metrics";

    @AttributeDefinition(description = "The SHA-256 (hex) of the bearer token Prometheus sends (Authorization: Bearer <token>). "
            + "Empty: only signed-in callers holding metrics.read may read the metrics. Never the token itself.")
    String scrapeTokenSha256() default "";

    @AttributeDefinition(description = "How long the database figures (outbox, jobs) are kept between two scrapes, in seconds.")
    int databaseFiguresSeconds() default 5;
}
