package org.sotay.reporting.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.sotay.handbook.api.facts.ReadingFacts.MandatoryItem;
import org.sotay.handbook.api.facts.ReadingFacts.ReadFact;
import org.sotay.reporting.impl.internal.Figures.Row;

/**
 * Mandatory reading, kept from the handbook's facts: the items with their audiences (RPT_ITEM,
 * RPT_ITEM_AUDIENCE), each member's first read in the cell and path it was recorded in (RPT_READ:
 * a read stays where it happened), summed up that path by item (RPT_READ_UNIT), self-service and on
 * behalf apart. Reads of members exempt at the time are not counted (they are not in the audience).
 */
final class Readings {
    private Readings() {
    }

    /** An item as reporting keeps it. */
    record Item(String id, String title, String kind, Integer deadlineDay, boolean rolesLimited, boolean withdrawn, long publishedMs,
            List<String> audience) {

        static Item of(MandatoryItem m) {
            return new Item(m.id(), m.title() == null ? "" : m.title(), m.kind() == null ? "" : m.kind(),
                    m.deadline() == null ? null : (int) m.deadline().toEpochDay(), !m.roles().isEmpty(), m.withdrawn(), m.publishedMs(),
                    List.copyOf(m.audienceUnitIds()));
        }
    }

    /** A read as reporting keeps it. */
    record Read(String itemId, String memberId, String cellId, String path, boolean onBehalf, long readMs) {
    }

    /** Writes the item as the handbook describes it now ({@code null}: gone); returns whether anything changed. */
    static boolean item(Connection c, String itemId, Optional<MandatoryItem> now, long ms) throws SQLException {
        Item before = items(c, itemId).get(itemId);
        Item after = now.map(Item::of).orElse(null);
        if (Objects.equals(before, after)) {
            return false;
        }
        try (PreparedStatement d1 = c.prepareStatement("DELETE FROM RPT_ITEM WHERE ITEM_ID = ?");
                PreparedStatement d2 = c.prepareStatement("DELETE FROM RPT_ITEM_AUDIENCE WHERE ITEM_ID = ?")) {
            d1.setString(1, itemId);
            d1.executeUpdate();
            d2.setString(1, itemId);
            d2.executeUpdate();
        }
        if (after != null) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO RPT_ITEM (ITEM_ID, TITLE, KIND, DEADLINE_DAY, ROLES_LIMITED, WITHDRAWN, PUBLISHED_MS,"
                    + " UPDATED_MS) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, after.id());
                ps.setString(2, after.title().length() > 300 ? after.title().substring(0, 300) : after.title());
                ps.setString(3, after.kind().length() > 40 ? after.kind().substring(0, 40) : after.kind());
                ps.setObject(4, after.deadlineDay(), java.sql.Types.INTEGER);
                ps.setInt(5, after.rolesLimited() ? 1 : 0);
                ps.setInt(6, after.withdrawn() ? 1 : 0);
                ps.setLong(7, after.publishedMs());
                ps.setLong(8, ms);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO RPT_ITEM_AUDIENCE (ITEM_ID, UNIT_ID) VALUES (?, ?)")) {
                for (String u : after.audience()) {
                    ps.setString(1, after.id());
                    ps.setString(2, u);
                    ps.addBatch();
                }
                if (!after.audience().isEmpty()) {
                    ps.executeBatch();
                }
            }
        }
        return true;
    }

    /**
     * Applies one member's read of an item as the handbook has it now ({@code empty}: none): a new
     * read counts up its cell's path, a read that is gone is taken back. Returns whether anything changed.
     */
    static boolean read(Connection c, String itemId, String memberId, Optional<ReadFact> now) throws SQLException {
        Read before = read(c, itemId, memberId);
        ReadFact f = now.filter(r -> !r.exempt()).orElse(null);
        if (f == null) {
            if (before == null) {
                return false;
            }
            unit(c, before, -1);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM RPT_READ WHERE ITEM_ID = ? AND MEMBER_ID = ?")) {
                ps.setString(1, itemId);
                ps.setString(2, memberId);
                ps.executeUpdate();
            }
            return true;
        }
        if (before != null && before.onBehalf() == f.onBehalf() && before.cellId().equals(f.cellId())) {
            return false; // the first read stands where it was counted
        }
        String path = before != null && before.cellId().equals(f.cellId()) ? before.path() : null;
        if (path == null) {
            Row cell = Figures.current(c, List.of(f.cellId())).get(f.cellId());
            if (cell == null) {
                return false; // a cell reporting has not drawn: read again after its tree round
            }
            path = cell.path();
        }
        if (before != null) {
            unit(c, before, -1);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM RPT_READ WHERE ITEM_ID = ? AND MEMBER_ID = ?")) {
                ps.setString(1, itemId);
                ps.setString(2, memberId);
                ps.executeUpdate();
            }
        }
        Read after = new Read(itemId, memberId, f.cellId(), path, f.onBehalf(), f.readMs());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO RPT_READ (ITEM_ID, MEMBER_ID, CELL_ID, PATH, ON_BEHALF, READ_MS) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, after.itemId());
            ps.setString(2, after.memberId());
            ps.setString(3, after.cellId());
            ps.setString(4, after.path());
            ps.setInt(5, after.onBehalf() ? 1 : 0);
            ps.setLong(6, after.readMs());
            ps.executeUpdate();
        }
        unit(c, after, 1);
        return true;
    }

    private static void unit(Connection c, Read r, int sign) throws SQLException {
        String column = r.onBehalf() ? "BEHALF_READS" : "SELF_READS";
        for (String unit : Meetings.lineage(r.path())) {
            try (PreparedStatement up = c.prepareStatement("UPDATE RPT_READ_UNIT SET " + column + " = " + column + " + ? WHERE ITEM_ID = ? AND UNIT_ID = ?")) {
                up.setLong(1, sign);
                up.setString(2, r.itemId());
                up.setString(3, unit);
                if (up.executeUpdate() > 0) {
                    continue;
                }
            }
            try (PreparedStatement in = c.prepareStatement("INSERT INTO RPT_READ_UNIT (ITEM_ID, UNIT_ID, SELF_READS, BEHALF_READS) VALUES (?, ?, ?, ?)")) {
                in.setString(1, r.itemId());
                in.setString(2, unit);
                in.setLong(3, r.onBehalf() ? 0 : sign);
                in.setLong(4, r.onBehalf() ? sign : 0);
                in.executeUpdate();
            }
        }
    }

    static Read read(Connection c, String itemId, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ITEM_ID, MEMBER_ID, CELL_ID, PATH, ON_BEHALF, READ_MS FROM RPT_READ WHERE ITEM_ID = ? AND MEMBER_ID = ?")) {
            ps.setString(1, itemId);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Read(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) == 1, rs.getLong(6)) : null;
            }
        }
    }

    /** The members reporting counts as having read {@code itemId}. */
    static List<String> readers(Connection c, String itemId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT MEMBER_ID FROM RPT_READ WHERE ITEM_ID = ?")) {
            ps.setString(1, itemId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The items reporting keeps ({@code only}: that one; {@code null}: all), by id. */
    static Map<String, Item> items(Connection c, String only) throws SQLException {
        Map<String, List<String>> audiences = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ITEM_ID, UNIT_ID FROM RPT_ITEM_AUDIENCE" + (only == null ? "" : " WHERE ITEM_ID = ?")
                + " ORDER BY ITEM_ID, UNIT_ID")) {
            if (only != null) {
                ps.setString(1, only);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    audiences.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        Map<String, Item> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ITEM_ID, TITLE, KIND, DEADLINE_DAY, ROLES_LIMITED, WITHDRAWN, PUBLISHED_MS FROM RPT_ITEM"
                + (only == null ? "" : " WHERE ITEM_ID = ?") + " ORDER BY PUBLISHED_MS DESC, ITEM_ID")) {
            if (only != null) {
                ps.setString(1, only);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int d = rs.getInt(4);
                    Integer deadline = rs.wasNull() ? null : d;
                    List<String> aud = audiences.getOrDefault(rs.getString(1), List.of());
                    java.util.Collections.sort(aud);
                    out.put(rs.getString(1), new Item(rs.getString(1), rs.getString(2), rs.getString(3), deadline, rs.getInt(5) == 1, rs.getInt(6) == 1,
                            rs.getLong(7), List.copyOf(aud)));
                }
            }
        }
        return out;
    }

    /** The reads summed by unit for an item: unit id to {self, on behalf}. */
    static Map<String, long[]> byUnit(Connection c, String itemId, List<String> unitIds) throws SQLException {
        Map<String, long[]> out = new HashMap<>();
        if (unitIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT UNIT_ID, SELF_READS, BEHALF_READS FROM RPT_READ_UNIT WHERE ITEM_ID = ? AND UNIT_ID IN ("
                + MemberFacts.marks(unitIds.size()) + ")")) {
            ps.setString(1, itemId);
            for (int i = 0; i < unitIds.size(); i++) {
                ps.setString(i + 2, unitIds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) });
                }
            }
        }
        return out;
    }
}
