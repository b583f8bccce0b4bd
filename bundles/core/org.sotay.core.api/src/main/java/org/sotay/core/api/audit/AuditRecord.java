package org.sotay.core.api.audit;

import java.time.Instant;

/** A line of the audit trail as it was written. */
public record AuditRecord(String id, Instant at, String actor, String actorName, String module, String action,
        String targetType, String targetId, String unitId, String summary, String clientAddress, String userAgent,
        String requestId) {
}
