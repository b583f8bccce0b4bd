package org.sotay.core.api.audit;

import java.time.Instant;

import org.sotay.core.api.Required;

/** A line of the audit trail as it was written. */
public record AuditRecord(@Required String id, @Required Instant at, @Required String actor, String actorName,
        @Required String module, @Required String action, String targetType, String targetId, String unitId, String summary,
        String clientAddress, String userAgent, String requestId) {
}
