package org.sotay.registry.impl.internal;

import java.sql.Connection;
import java.util.Arrays;
import java.util.List;

import javax.persistence.EntityManager;

import org.sotay.core.api.audit.AuditEntry;
import org.sotay.core.api.audit.AuditTrail;

/** Writes the registry's audit lines on the JDBC connection of the running JPA transaction. */
final class Audit {
    static final String MODULE = "registry";

    private Audit() {
    }

    /** Records {@code action} on {@code targetType}/{@code targetId}, acting in {@code unitId} (which must exist). */
    static void record(AuditTrail trail, EntityManager em, String action, String targetType, String targetId, String unitId,
            String summary) {
        UnitEntity unit = unitId == null ? null : em.find(UnitEntity.class, unitId);
        List<String> lineage = unit == null ? null : lineage(unit.path);
        trail.record(em.unwrap(Connection.class), new AuditEntry(MODULE, action, targetType, targetId, unitId, lineage, summary));
    }

    static List<String> lineage(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
