package org.sotay.core.persistence.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

/**
 * This node among the others, through the database: its name, its heartbeat, and the leases of
 * cluster-wide schedules. Free of OSGi, so two instances in one test are two nodes.
 */
public final class Cluster {
    /** A node without a heartbeat for this long is dead. */
    static final long NODE_TIMEOUT_MILLIS = 30_000;

    private final Jdbc jdbc;
    private final Clock clock;
    private final String node;

    public Cluster(Jdbc jdbc, Clock clock, String node) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = node;
    }

    public String node() {
        return node;
    }

    /**
     * The name of this installation as a node: kept in {@code <data>/sotay-node.id}, so a node that
     * restarts is the same node and knows the jobs it was running have died. Without a data folder, a new name.
     */
    public static String stableName(String dataFolder) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "node";
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        if (dataFolder != null && !dataFolder.isBlank()) {
            Path file = Path.of(dataFolder, "sotay-node.id");
            try {
                if (Files.isReadable(file)) {
                    String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                    if (kept.matches("[A-Za-z0-9._:/-]{1,100}")) {
                        return kept;
                    }
                }
                String name = cut(host, 80) + "/" + suffix;
                Files.createDirectories(file.getParent());
                Files.writeString(file, name + "\n", StandardCharsets.UTF_8);
                return name;
            } catch (IOException e) {
                // a read-only data folder: a name for this run only
            }
        }
        return cut(host, 80) + "/" + suffix;
    }

    private static String cut(String s, int max) {
        String clean = s.replaceAll("[^A-Za-z0-9._-]", "-");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    /**
     * This node starts: its row says so, and the tracked jobs it was running before it stopped are
     * failed now (their transactions died with the old process). Returns how many.
     */
    public int started(String reasonVi, String reasonEn) throws SQLException {
        long now = clock.millis();
        if (jdbc.update("UPDATE CORE_NODE SET STARTED_MS = ?, HEARTBEAT_MS = ? WHERE NODE = ?", now, now, node) == 0) {
            try {
                jdbc.update("INSERT INTO CORE_NODE (NODE, STARTED_MS, HEARTBEAT_MS) VALUES (?, ?, ?)", node, now, now);
            } catch (SQLException e) {
                if (!Jdbc.isDuplicate(e)) {
                    throw e;
                }
            }
        }
        return jdbc.update("UPDATE CORE_JOB SET STATUS = 'FAILED', ERROR_VI = ?, ERROR_EN = ?, FINISHED_MS = ?, UPDATED_MS = ?"
                + " WHERE NODE = ? AND STATUS = 'RUNNING'", reasonVi, reasonEn, now, now, node);
    }

    public void heartbeat() throws SQLException {
        long now = clock.millis();
        if (jdbc.update("UPDATE CORE_NODE SET HEARTBEAT_MS = ? WHERE NODE = ?", now, node) == 0) {
            started("", "");
        }
    }

    /** This node stops cleanly: its heartbeat is cleared, so its jobs are known dead at once. */
    public void stopped() throws SQLException {
        jdbc.update("UPDATE CORE_NODE SET HEARTBEAT_MS = 0 WHERE NODE = ?", node);
    }

    /** Whether {@code other}'s heartbeat is recent. */
    public boolean alive(String other) throws SQLException {
        if (node.equals(other)) {
            return true;
        }
        long now = clock.millis();
        return jdbc.first("SELECT HEARTBEAT_MS FROM CORE_NODE WHERE NODE = ?", rs -> rs.getLong(1), other)
                .map(beat -> now - beat < NODE_TIMEOUT_MILLIS).orElse(false);
    }

    /**
     * Takes or renews the lease {@code name} until {@code now + millis}: {@code true} when this node
     * holds it now. Of several nodes racing for a free lease, exactly one changes the row.
     */
    public boolean acquire(String name, long millis) throws SQLException {
        long now = clock.millis();
        if (jdbc.update("UPDATE CORE_LEASE SET HOLDER = ?, UNTIL_MS = ? WHERE NAME = ? AND (HOLDER = ? OR UNTIL_MS < ?)",
                node, now + millis, name, node, now) == 1) {
            return true;
        }
        if (jdbc.first("SELECT 1 FROM CORE_LEASE WHERE NAME = ?", rs -> 1, name).isPresent()) {
            return false;
        }
        try {
            return jdbc.update("INSERT INTO CORE_LEASE (NAME, HOLDER, UNTIL_MS) VALUES (?, ?, ?)", name, node, now + millis) == 1;
        } catch (SQLException e) {
            if (Jdbc.isDuplicate(e)) {
                return false; // another node inserted it first
            }
            throw e;
        }
    }

    /** Gives the lease up (a cancelled schedule), so another node may take it at once. */
    public void release(String name) throws SQLException {
        jdbc.update("UPDATE CORE_LEASE SET UNTIL_MS = 0 WHERE NAME = ? AND HOLDER = ?", name, node);
    }
}
