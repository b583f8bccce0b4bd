package org.sotay.core.api.audit;

import java.util.List;

/**
 * One write to record: what was done ({@code module}, {@code action} such as
 * {@code member.transfer}), to what ({@code targetType}, {@code targetId}), in which unit
 * ({@code unitId} and its {@code unitLineage} from the root, which the registry knows; other
 * modules may leave the lineage {@code null} and it is looked up) and a short before/after
 * {@code summary} in plain words, never a password, hash or token. Who and from where come from the
 * request.
 */
public record AuditEntry(String module, String action, String targetType, String targetId, String unitId,
        List<String> unitLineage, String summary) {

    public static AuditEntry of(String module, String action, String targetType, String targetId, String unitId, String summary) {
        return new AuditEntry(module, action, targetType, targetId, unitId, null, summary);
    }
}
