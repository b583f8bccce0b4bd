package org.sotay.core.api.audit;

import java.time.Instant;

/** Filters for reading the audit trail; every field may be {@code null} (no filter). */
public record AuditQuery(Instant from, Instant to, String module, String actor, String targetId, String unitId) {
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }
}
