package org.sotay.registry.impl.internal;

import java.util.Map;
import java.util.UUID;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.sotay.registry.api.RegistryEvents;

/** Posts registry facts after their transaction committed. */
final class Events {
    private Events() {
    }

    static void post(EventAdmin admin, String topic, String id, String... units) {
        if (admin != null) {
            admin.postEvent(new Event(topic, Map.of(RegistryEvents.EVENT_ID, UUID.randomUUID().toString(),
                    RegistryEvents.ID, id, RegistryEvents.UNITS, units)));
        }
    }
}
