package org.sotay.core.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.osgi.service.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.events.EventOutbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The outbox over CORE_OUTBOX, without OSGi: {@link #publish} writes an entry on the caller's
 * connection; {@link #dispatch} claims due entries one by one (an UPDATE that only one node can
 * win, with a lease that expires if that node dies), hands each to {@code deliver} and marks it
 * delivered. An entry whose delivery throws is released and retried later.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long LEASE_MILLIS = 30_000;
    static final long KEEP_DELIVERED_MILLIS = 7L * 24 * 3600 * 1000;
    /** After this many claims without success an entry is set aside (kept, logged, not delivered again). */
    static final int MAX_ATTEMPTS = 20;
    static final int MAX_PROPERTIES_CHARS = 8000;

    private final DataSource dataSource;
    private final String node;
    private final Clock clock;

    public Outbox(DataSource dataSource, String node, Clock clock) {
        this.dataSource = dataSource;
        this.node = node;
        this.clock = clock;
    }

    /** Writes an entry on the caller's transaction connection; the event id. */
    public String publish(Connection tx, String topic, Map<String, ?> properties) {
        String id = UUID.randomUUID().toString();
        ObjectNode props = JSON.createObjectNode();
        properties.forEach((k, v) -> {
            if (v instanceof String[] arr) {
                ArrayNode a = props.putArray(k);
                for (String s : arr) {
                    a.add(s);
                }
            } else if (v instanceof Long l) {
                props.put(k, l);
            } else if (v instanceof Integer i) {
                props.put(k, i);
            } else if (v instanceof Boolean b) {
                props.put(k, b);
            } else if (v != null) {
                props.put(k, v.toString());
            }
        });
        String json = props.toString();
        if (json.length() > MAX_PROPERTIES_CHARS || topic.length() > 200) {
            // a programming error in the publishing module: say so plainly (the change rolls back with it)
            throw new IllegalArgumentException("event " + topic + " is too large for the outbox (" + json.length()
                    + " characters of properties, at most " + MAX_PROPERTIES_CHARS + "): carry ids, not documents");
        }
        try (PreparedStatement ps = tx.prepareStatement(
                "INSERT INTO CORE_OUTBOX (ID, TOPIC, PROPERTIES, CREATED_MS, ATTEMPTS) VALUES (?, ?, ?, ?, 0)")) {
            ps.setString(1, id);
            ps.setString(2, topic);
            ps.setString(3, json);
            ps.setLong(4, clock.millis());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot queue the event " + topic + ": " + e.getMessage(), e);
        }
        return id;
    }

    /** Delivers what is due; returns how many entries this node delivered. */
    public int dispatch(Consumer<Event> deliver, int batch) throws SQLException {
        long now = clock.millis();
        List<String> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT ID FROM CORE_OUTBOX WHERE DELIVERED_MS IS NULL"
                        + " AND (CLAIMED_UNTIL_MS IS NULL OR CLAIMED_UNTIL_MS < ?) ORDER BY CREATED_MS, ID FETCH FIRST " + batch + " ROWS ONLY")) {
            ps.setLong(1, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getString(1));
                }
            }
        }
        int delivered = 0;
        for (String id : due) {
            Event event;
            try {
                event = claim(id);
            } catch (IllegalStateException unreadable) {
                LOG.error("Outbox entry {} cannot be read and is set aside (kept in CORE_OUTBOX): {}", id, unreadable.getMessage());
                finish(id, true);
                continue;
            }
            if (event == null) {
                continue; // another node has it
            }
            try {
                deliver.accept(event);
                finish(id, true);
                delivered++;
            } catch (RuntimeException e) {
                LOG.warn("Event {} ({}) not delivered, will retry: {}", id, event.getTopic(), e.toString());
                finish(id, false);
            }
        }
        return delivered;
    }

    private Event claim(String id) throws SQLException {
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("UPDATE CORE_OUTBOX SET CLAIMED_BY = ?, CLAIMED_UNTIL_MS = ?, ATTEMPTS = ATTEMPTS + 1"
                    + " WHERE ID = ? AND DELIVERED_MS IS NULL AND (CLAIMED_UNTIL_MS IS NULL OR CLAIMED_UNTIL_MS < ?)")) {
                ps.setString(1, node);
                ps.setLong(2, now + LEASE_MILLIS);
                ps.setString(3, id);
                ps.setLong(4, now);
                if (ps.executeUpdate() != 1) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT TOPIC, PROPERTIES, ATTEMPTS FROM CORE_OUTBOX WHERE ID = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(3) > MAX_ATTEMPTS) {
                        throw new IllegalStateException("not delivered after " + MAX_ATTEMPTS + " attempts");
                    }
                    return new Event(rs.getString(1), properties(id, rs.getString(2)));
                }
            }
        }
    }

    private void finish(String id, boolean delivered) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(delivered
                    ? "UPDATE CORE_OUTBOX SET DELIVERED_MS = ? WHERE ID = ? AND CLAIMED_BY = ?"
                    : "UPDATE CORE_OUTBOX SET CLAIMED_UNTIL_MS = ? WHERE ID = ? AND CLAIMED_BY = ?")) {
                // a failed delivery waits a few seconds before another try
                ps.setLong(1, delivered ? clock.millis() : clock.millis() + 5_000);
                ps.setString(2, id);
                ps.setString(3, node);
                ps.executeUpdate();
            }
        }
    }

    /** Forgets entries delivered more than a week ago. */
    public int purge() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM CORE_OUTBOX WHERE DELIVERED_MS < ?")) {
                ps.setLong(1, clock.millis() - KEEP_DELIVERED_MILLIS);
                return ps.executeUpdate();
            }
        }
    }

    private static Map<String, Object> properties(String id, String json) {
        Map<String, Object> props = new HashMap<>();
        try {
            JsonNode node = JSON.readTree(json);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                if (v.isArray()) {
                    String[] arr = new String[v.size()];
                    for (int i = 0; i < arr.length; i++) {
                        arr[i] = v.get(i).asText();
                    }
                    props.put(f.getKey(), arr);
                } else if (v.isIntegralNumber()) {
                    props.put(f.getKey(), v.canConvertToInt() ? (Object) v.asInt() : (Object) v.asLong());
                } else if (v.isBoolean()) {
                    props.put(f.getKey(), v.asBoolean());
                } else {
                    props.put(f.getKey(), v.asText());
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("outbox entry " + id + " has unreadable properties", e);
        }
        props.put(EventOutbox.EVENT_ID, id);
        return props;
    }
}
