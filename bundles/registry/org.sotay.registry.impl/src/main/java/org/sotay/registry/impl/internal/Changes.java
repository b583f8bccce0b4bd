package org.sotay.registry.impl.internal;

import java.sql.Connection;
import java.util.Map;

import javax.persistence.EntityManager;

import org.sotay.core.api.persistence.Journal;
import org.sotay.registry.api.RegistryEvents;

/** The audit lines and outbox events of one registry transaction, on its connection (the platform's {@link Journal}). */
final class Changes {
    static final String MODULE = "registry";

    private final Journal.Entries log;
    private final EntityManager em;

    private Changes(Journal.Entries log, EntityManager em) {
        this.log = log;
        this.em = em;
    }

    static Changes in(Journal journal, EntityManager em) {
        return new Changes(journal.in(MODULE, em.unwrap(Connection.class)), em);
    }

    /** An audit line acting in {@code unitId} (which exists; its lineage is the registry's own). */
    Changes audit(String action, String targetType, String targetId, String unitId, String summary) {
        UnitEntity unit = unitId == null ? null : em.find(UnitEntity.class, unitId);
        log.audit(action, targetType, targetId, unitId, unit == null ? null : Units.lineage(unit.path), summary);
        return this;
    }

    /** An event about {@code id} affecting {@code units}. */
    Changes event(String topic, String id, String... units) {
        log.event(topic, Map.of(RegistryEvents.ID, id == null ? "" : id, RegistryEvents.UNITS, units));
        return this;
    }
}
