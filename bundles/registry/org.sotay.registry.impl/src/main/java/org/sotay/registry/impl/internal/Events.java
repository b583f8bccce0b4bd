package org.sotay.registry.impl.internal;

import java.sql.Connection;
import java.util.Map;

import javax.persistence.EntityManager;

import org.sotay.core.api.events.EventOutbox;
import org.sotay.registry.api.RegistryEvents;

/** Queues registry facts in the outbox, in the transaction of the change: delivered if and only if it commits. */
final class Events {
    private Events() {
    }

    static void publish(EventOutbox outbox, EntityManager em, String topic, String id, String... units) {
        outbox.publish(em.unwrap(Connection.class), topic, Map.of(RegistryEvents.ID, id == null ? "" : id, RegistryEvents.UNITS, units));
    }
}
