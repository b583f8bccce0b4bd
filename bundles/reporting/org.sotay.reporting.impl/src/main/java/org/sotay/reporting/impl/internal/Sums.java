package org.sotay.reporting.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sums up the tree computed again from the rows they are kept from (a rebuild's last step): the
 * cells' periods for RPT_ACTIVITY, the meetings held for RPT_ATTENDANCE, the reads for RPT_READ_UNIT.
 * What differs is written and counted: after events were applied, nothing should.
 */
final class Sums {
    private Sums() {
    }

    /** RPT_ACTIVITY again, period by period. Returns the rows corrected. */
    static int activity(Connection c) throws SQLException {
        int corrected = 0;
        for (String period : strings(c, "SELECT DISTINCT PERIOD FROM RPT_CELL_ACTIVITY UNION SELECT DISTINCT PERIOD FROM RPT_ACTIVITY")) {
            Map<List<Object>, Long> want = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT STEPS, OFFLINE, PATH FROM RPT_CELL_ACTIVITY WHERE PERIOD = ?")) {
                ps.setString(1, period);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (String unit : Meetings.lineage(rs.getString(3))) {
                            want.merge(List.of(unit, rs.getInt(1), rs.getInt(2)), 1L, Long::sum);
                        }
                    }
                }
            }
            Map<List<Object>, Long> have = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT UNIT_ID, STEPS, OFFLINE, CELLS FROM RPT_ACTIVITY WHERE PERIOD = ?")) {
                ps.setString(1, period);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        have.put(List.of(rs.getString(1), rs.getInt(2), rs.getInt(3)), rs.getLong(4));
                    }
                }
            }
            Set<List<Object>> keys = new HashSet<>(want.keySet());
            keys.addAll(have.keySet());
            for (List<Object> k : keys) {
                long w = want.getOrDefault(k, 0L);
                long h = have.getOrDefault(k, 0L);
                if (w == h) {
                    continue;
                }
                if (h != 0 || have.containsKey(k)) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM RPT_ACTIVITY WHERE UNIT_ID = ? AND PERIOD = ? AND STEPS = ? AND OFFLINE = ?")) {
                        ps.setString(1, (String) k.get(0));
                        ps.setString(2, period);
                        ps.setInt(3, (Integer) k.get(1));
                        ps.setInt(4, (Integer) k.get(2));
                        ps.executeUpdate();
                    }
                }
                if (w != 0) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO RPT_ACTIVITY (UNIT_ID, PERIOD, STEPS, OFFLINE, CELLS) VALUES (?, ?, ?, ?, ?)")) {
                        ps.setString(1, (String) k.get(0));
                        ps.setString(2, period);
                        ps.setInt(3, (Integer) k.get(1));
                        ps.setInt(4, (Integer) k.get(2));
                        ps.setLong(5, w);
                        ps.executeUpdate();
                    }
                }
                if (w != 0 || h != 0) {
                    corrected++;
                }
            }
        }
        return corrected;
    }

    /** RPT_ATTENDANCE again, period by period. Returns the rows corrected. */
    static int attendance(Connection c) throws SQLException {
        int corrected = 0;
        String cols = String.join(", ", Meetings.ATTENDANCE);
        int n = Meetings.ATTENDANCE.length + 1;
        for (String period : strings(c, "SELECT DISTINCT PERIOD FROM RPT_MEETING UNION SELECT DISTINCT PERIOD FROM RPT_ATTENDANCE")) {
            Map<List<String>, long[]> want = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT KIND, PATH, " + cols + " FROM RPT_MEETING WHERE PERIOD = ? AND HELD = 1")) {
                ps.setString(1, period);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] v = new long[n];
                        v[0] = 1;
                        for (int i = 1; i < n; i++) {
                            v[i] = rs.getLong(2 + i);
                        }
                        for (String unit : Meetings.lineage(rs.getString(2))) {
                            long[] sum = want.computeIfAbsent(List.of(unit, rs.getString(1)), k -> new long[n]);
                            for (int i = 0; i < n; i++) {
                                sum[i] += v[i];
                            }
                        }
                    }
                }
            }
            Map<List<String>, long[]> have = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT UNIT_ID, KIND, MEETINGS, " + cols + " FROM RPT_ATTENDANCE WHERE PERIOD = ?")) {
                ps.setString(1, period);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] v = new long[n];
                        for (int i = 0; i < n; i++) {
                            v[i] = rs.getLong(3 + i);
                        }
                        have.put(List.of(rs.getString(1), rs.getString(2)), v);
                    }
                }
            }
            Set<List<String>> keys = new HashSet<>(want.keySet());
            keys.addAll(have.keySet());
            long[] zero = new long[n];
            for (List<String> k : keys) {
                long[] w = want.getOrDefault(k, zero);
                long[] h = have.getOrDefault(k, zero);
                if (Arrays.equals(w, h)) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM RPT_ATTENDANCE WHERE UNIT_ID = ? AND PERIOD = ? AND KIND = ?")) {
                    ps.setString(1, k.get(0));
                    ps.setString(2, period);
                    ps.setString(3, k.get(1));
                    ps.executeUpdate();
                }
                if (!Arrays.equals(w, zero)) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO RPT_ATTENDANCE (UNIT_ID, PERIOD, KIND, MEETINGS, " + cols + ") VALUES (?, ?, ?"
                            + ", ?".repeat(n) + ")")) {
                        ps.setString(1, k.get(0));
                        ps.setString(2, period);
                        ps.setString(3, k.get(1));
                        for (int i = 0; i < n; i++) {
                            ps.setLong(4 + i, w[i]);
                        }
                        ps.executeUpdate();
                    }
                }
                corrected++;
            }
        }
        return corrected;
    }

    /** RPT_READ_UNIT again, item by item. Returns the rows corrected. */
    static int reads(Connection c) throws SQLException {
        int corrected = 0;
        for (String item : strings(c, "SELECT DISTINCT ITEM_ID FROM RPT_READ UNION SELECT DISTINCT ITEM_ID FROM RPT_READ_UNIT")) {
            Map<String, long[]> want = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT PATH, ON_BEHALF FROM RPT_READ WHERE ITEM_ID = ?")) {
                ps.setString(1, item);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int which = rs.getInt(2) == 1 ? 1 : 0;
                        for (String unit : Meetings.lineage(rs.getString(1))) {
                            want.computeIfAbsent(unit, k -> new long[2])[which]++;
                        }
                    }
                }
            }
            Map<String, long[]> have = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT UNIT_ID, SELF_READS, BEHALF_READS FROM RPT_READ_UNIT WHERE ITEM_ID = ?")) {
                ps.setString(1, item);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        have.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) });
                    }
                }
            }
            Set<String> units = new HashSet<>(want.keySet());
            units.addAll(have.keySet());
            long[] zero = new long[2];
            for (String u : units) {
                long[] w = want.getOrDefault(u, zero);
                long[] h = have.getOrDefault(u, zero);
                if (Arrays.equals(w, h)) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM RPT_READ_UNIT WHERE ITEM_ID = ? AND UNIT_ID = ?")) {
                    ps.setString(1, item);
                    ps.setString(2, u);
                    ps.executeUpdate();
                }
                if (!Arrays.equals(w, zero)) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO RPT_READ_UNIT (ITEM_ID, UNIT_ID, SELF_READS, BEHALF_READS) VALUES (?, ?, ?, ?)")) {
                        ps.setString(1, item);
                        ps.setString(2, u);
                        ps.setLong(3, w[0]);
                        ps.setLong(4, w[1]);
                        ps.executeUpdate();
                    }
                }
                corrected++;
            }
        }
        return corrected;
    }

    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
