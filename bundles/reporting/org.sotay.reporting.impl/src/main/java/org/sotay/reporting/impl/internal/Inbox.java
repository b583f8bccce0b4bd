package org.sotay.reporting.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * RPT_INBOX over JDBC. An item names what to read again from its source: {@code m:<member>},
 * {@code c:<cell>} (every member of it), {@code t:<unit>} (the tree), {@code s:<unit>><successor>}
 * (a merge: where a closed unit's members went), {@code g:<meeting>}, {@code i:<item>} (a mandatory
 * item), {@code r:<item>:<member>} (a read).
 */
final class Inbox {
    static final String MEMBER = "m:";
    static final String CELL = "c:";
    static final String TREE = "t:";
    static final String SUCCESSOR = "s:";
    /** A meeting of the meetings module. */
    static final String MEETING = "g:";
    /** A mandatory item of the handbook. */
    static final String ITEM = "i:";
    /** A member's read of a mandatory item: {@code r:<item>:<member>}. */
    static final String READ = "r:";

    private Inbox() {
    }

    record Entry(String eventId, String item) {
    }

    /** Records the items of one event; items the event already left (a second delivery) are not written twice. */
    static int record(Connection c, String eventId, String topic, Set<String> items, long now) throws SQLException {
        Set<String> known = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ITEM FROM RPT_INBOX WHERE EVENT_ID = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        }
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO RPT_INBOX (EVENT_ID, ITEM, TOPIC, RECEIVED_MS) VALUES (?, ?, ?, ?)")) {
            for (String item : items) {
                if (known.contains(item)) {
                    continue;
                }
                ps.setString(1, eventId);
                ps.setString(2, item);
                ps.setString(3, topic);
                ps.setLong(4, now);
                ps.addBatch();
                n++;
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
        return n;
    }

    /** The oldest {@code limit} entries. */
    static List<Entry> next(Connection c, int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT EVENT_ID, ITEM FROM RPT_INBOX ORDER BY RECEIVED_MS, EVENT_ID, ITEM")) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < limit) {
                    out.add(new Entry(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    static long size(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM RPT_INBOX"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Removes exactly these entries (one that arrived meanwhile for the same item stays, for the next round). */
    static void delete(Connection c, List<Entry> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM RPT_INBOX WHERE EVENT_ID = ? AND ITEM = ?")) {
            for (Entry e : entries) {
                ps.setString(1, e.eventId());
                ps.setString(2, e.item());
                ps.addBatch();
            }
            if (!entries.isEmpty()) {
                ps.executeBatch();
            }
        }
    }
}
