package org.sotay.reporting.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** RPT_MEMBER over JDBC: the cell each member counts in, their FLAGS, at which registry version. */
final class MemberFacts {
    private static final int IN_LIST = 500;

    private MemberFacts() {
    }

    record Fact(String memberId, String cellId, int flags, long version) {
    }

    static Map<String, Fact> get(Connection c, Collection<String> memberIds) throws SQLException {
        Map<String, Fact> out = new HashMap<>();
        List<String> ids = new ArrayList<>(memberIds);
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
            try (PreparedStatement ps = c.prepareStatement("SELECT MEMBER_ID, CELL_ID, FLAGS, MEMBER_VERSION FROM RPT_MEMBER WHERE MEMBER_ID IN ("
                    + marks(part.size()) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Fact(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)));
                    }
                }
            }
        }
        return out;
    }

    /** The ids of the members counted in these cells. */
    static List<String> inCells(Connection c, Collection<String> cellIds) throws SQLException {
        List<String> out = new ArrayList<>();
        List<String> ids = new ArrayList<>(cellIds);
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
            try (PreparedStatement ps = c.prepareStatement("SELECT MEMBER_ID FROM RPT_MEMBER WHERE CELL_ID IN (" + marks(part.size()) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    static void put(Connection c, Fact f, boolean exists, long now) throws SQLException {
        String sql = exists ? "UPDATE RPT_MEMBER SET CELL_ID = ?, FLAGS = ?, MEMBER_VERSION = ?, UPDATED_MS = ? WHERE MEMBER_ID = ?"
                : "INSERT INTO RPT_MEMBER (CELL_ID, FLAGS, MEMBER_VERSION, UPDATED_MS, MEMBER_ID) VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, f.cellId());
            ps.setInt(2, f.flags());
            ps.setLong(3, f.version());
            ps.setLong(4, now);
            ps.setString(5, f.memberId());
            ps.executeUpdate();
        }
    }

    /** Writes many facts in two batches (updates of known members, inserts of new ones). */
    static void putAll(Connection c, List<Fact> facts, Map<String, Fact> known, long now) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE RPT_MEMBER SET CELL_ID = ?, FLAGS = ?, MEMBER_VERSION = ?, UPDATED_MS = ? WHERE MEMBER_ID = ?");
                PreparedStatement in = c.prepareStatement("INSERT INTO RPT_MEMBER (CELL_ID, FLAGS, MEMBER_VERSION, UPDATED_MS, MEMBER_ID) VALUES (?, ?, ?, ?, ?)")) {
            int ups = 0;
            int ins = 0;
            for (Fact f : facts) {
                PreparedStatement ps = known.containsKey(f.memberId()) ? up : in;
                ps.setString(1, f.cellId());
                ps.setInt(2, f.flags());
                ps.setLong(3, f.version());
                ps.setLong(4, now);
                ps.setString(5, f.memberId());
                ps.addBatch();
                if (ps == up) {
                    ups++;
                } else {
                    ins++;
                }
            }
            if (ups > 0) {
                up.executeBatch();
            }
            if (ins > 0) {
                in.executeBatch();
            }
        }
    }

    static void delete(Connection c, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM RPT_MEMBER WHERE MEMBER_ID = ?")) {
            ps.setString(1, memberId);
            ps.executeUpdate();
        }
    }

    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
