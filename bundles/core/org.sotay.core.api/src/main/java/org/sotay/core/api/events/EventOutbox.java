package org.sotay.core.api.events;

import java.sql.Connection;
import java.util.Map;

/**
 * Durable facts. A module writes the event on the JDBC connection of the transaction that made the
 * change (with EclipseLink: {@code em.unwrap(Connection.class)} inside the transaction), so the
 * event exists if and only if the change was committed. A dispatcher then sends it on EventAdmin,
 * at least once, and each entry is handled by one node of the cluster; consumers are idempotent
 * on {@link #EVENT_ID}, which the outbox sets.
 */
@org.osgi.annotation.versioning.ProviderType
public interface EventOutbox {
    /** The unique id of the entry, set on every delivered event. */
    String EVENT_ID = "eventId";

    /**
     * Queues {@code topic} with {@code properties} (values: {@code String}, {@code String[]},
     * {@code Long}, {@code Integer}, {@code Boolean}) through {@code transaction}. Returns the event id.
     */
    String publish(Connection transaction, String topic, Map<String, ?> properties);
}
