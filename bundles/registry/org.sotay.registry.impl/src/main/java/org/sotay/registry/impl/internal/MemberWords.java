package org.sotay.registry.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.sotay.core.api.VietnameseText;

/**
 * The word-prefix index of member names, {@code REG_MEMBER_WORD (WORD, SORT_KEY, MEMBER_ID, WORDS, CELL_ID)}: one row
 * for every prefix (1 to {@value #WORD_MAX} letters) of every word of the folded name ("Nguyễn Văn
 * Lân" gives n, ng, ngu, ..., nguyen, v, va, van, l, la, lan). A query word is then one equality on
 * {@code WORD}, and its rows come out of the index already in the members' Vietnamese order
 * ({@code SORT_KEY}, then {@code MEMBER_ID}), each with the name's folded words ({@code WORDS}) that
 * the other query words are matched on, and with the member's cell ({@code CELL_ID}) that a search
 * within a subtree checks: the first page of a search reads a page of index entries, not every
 * member. The rows depend on the name and the home cell: every insert and every rename rewrites
 * them, every change of cell ({@link #moved}) updates them, in the write's own transaction; status
 * changes and unit moves (a unit keeps its id) leave them alone.
 */
final class MemberWords {
    /** Longest prefix kept; a longer query word is matched on its first {@value #WORD_MAX} letters and then on the name key. */
    static final int WORD_MAX = 20;
    /** Most words a search may have. */
    static final int MAX_WORDS = 6;

    /** Longest WORDS value kept (its column). */
    static final int WORDS_MAX = 200;

    /** The columns of a row, in the order {@link #add} sets them. */
    static final String[] COLUMNS = { "WORD", "SORT_KEY", "MEMBER_ID", "WORDS", "CELL_ID" };

    private static final String INSERT = "INSERT INTO REG_MEMBER_WORD (" + String.join(", ", COLUMNS) + ") VALUES (?, ?, ?, ?, ?)";

    private MemberWords() {
    }

    /** The distinct words of a folded text: runs of letters and digits ("nguyen-van" is two words). */
    static List<String> words(String folded) {
        Set<String> out = new LinkedHashSet<>();
        if (folded == null) {
            return List.of();
        }
        StringBuilder w = new StringBuilder();
        for (int i = 0; i <= folded.length(); i++) {
            char c = i < folded.length() ? folded.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                w.append(c);
            } else if (w.length() > 0) {
                out.add(w.toString());
                w.setLength(0);
            }
        }
        return new ArrayList<>(out);
    }

    /** The WORDS column: every folded word after a space (" nguyen van lan"), cut to its column. */
    static String wordsKey(String fullName) {
        StringBuilder sb = new StringBuilder();
        for (String w : words(VietnameseText.fold(fullName))) {
            sb.append(' ').append(w);
        }
        return MemberRules.cut(sb.toString(), WORDS_MAX);
    }

    /** Every index key of a name: each prefix of each folded word, once. */
    static Set<String> keys(String fullName) {
        Set<String> keys = new LinkedHashSet<>();
        for (String w : words(VietnameseText.fold(fullName))) {
            for (int n = 1; n <= Math.min(w.length(), WORD_MAX); n++) {
                keys.add(w.substring(0, n));
            }
        }
        return keys;
    }

    /** Adds a member's rows to a batch of {@link #INSERT} (the caller executes it). */
    static int add(PreparedStatement insert, String memberId, String sortKey, String fullName, String cellId) throws SQLException {
        int n = 0;
        String all = wordsKey(fullName);
        for (String k : keys(fullName)) {
            insert.setString(1, k);
            insert.setString(2, sortKey);
            insert.setString(3, memberId);
            insert.setString(4, all);
            insert.setString(5, cellId);
            insert.addBatch();
            n++;
        }
        return n;
    }

    static PreparedStatement prepare(Connection c) throws SQLException {
        return c.prepareStatement(INSERT);
    }

    /** Writes the rows of a new member, or rewrites those of a renamed one ({@code replace}), on the transaction's connection. */
    static void write(Connection c, String memberId, String sortKey, String fullName, String cellId, boolean replace) {
        try {
            if (replace) {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM REG_MEMBER_WORD WHERE MEMBER_ID = ?")) {
                    d.setString(1, memberId);
                    d.executeUpdate();
                }
            }
            try (PreparedStatement i = prepare(c)) {
                add(i, memberId, sortKey, fullName, cellId);
                i.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("REG_MEMBER_WORD write failed for member " + memberId, e);
        }
    }

    /** The member's rows follow it to {@code cellId} (a transfer, a merge, a split), on the transaction's connection. */
    static void moved(Connection c, String memberId, String cellId) {
        try (PreparedStatement u = c.prepareStatement("UPDATE REG_MEMBER_WORD SET CELL_ID = ? WHERE MEMBER_ID = ?")) {
            u.setString(1, cellId);
            u.setString(2, memberId);
            u.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("REG_MEMBER_WORD move failed for member " + memberId, e);
        }
    }

    /**
     * Fills the index for the members written before it existed unless {@code REG_WORD_INDEX} says
     * it is filled, then says so; returns how many members it indexed, or -1 when there was nothing to do.
     */
    static long fillIfNeeded(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT FILLED FROM REG_WORD_INDEX WHERE ID = 1"); ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getBoolean(1)) {
                return -1;
            }
        }
        long n = backfill(c);
        try (PreparedStatement ps = c.prepareStatement("UPDATE REG_WORD_INDEX SET FILLED = ? WHERE ID = 1")) {
            ps.setBoolean(1, true);
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        return n;
    }

    /**
     * Fills the index for members that have no rows yet (members written before it existed), in
     * keyset batches of 1,000 members, committing each; returns how many members it indexed.
     */
    static long backfill(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        long done = 0;
        String after = "";
        try (PreparedStatement read = c.prepareStatement("SELECT m.ID, m.SORT_KEY, m.FULL_NAME, m.CELL_ID FROM REG_MEMBER m WHERE m.ID > ?"
                + " AND NOT EXISTS (SELECT 1 FROM REG_MEMBER_WORD w WHERE w.MEMBER_ID = m.ID) ORDER BY m.ID FETCH FIRST 1000 ROWS ONLY");
                PreparedStatement insert = prepare(c)) {
            while (true) {
                read.setString(1, after);
                int n = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getString(1);
                        add(insert, after, rs.getString(2), rs.getString(3), rs.getString(4));
                        n++;
                    }
                }
                if (n == 0) {
                    break;
                }
                insert.executeBatch();
                c.commit();
                done += n;
            }
        } finally {
            c.setAutoCommit(auto);
        }
        return done;
    }
}
