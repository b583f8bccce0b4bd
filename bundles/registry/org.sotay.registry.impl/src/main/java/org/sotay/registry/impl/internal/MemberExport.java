package org.sotay.registry.impl.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sotay.core.api.security.Scope;
import org.sotay.registry.api.Gender;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberStatus;

/**
 * The members of one subtree in Vietnamese order, for exports: plain JDBC in keyset batches of
 * {@link #BATCH} ({@code SORT_KEY, ID} after the last row read), each batch its own short
 * statement, so that a long download holds no transaction and no connection while the client reads
 * (the caller runs each {@link #next} in a transaction of its own). Rows become {@link Member}s
 * straight from the result set: no entity is materialised.
 * <p>
 * Each batch is read by an index in the export's order, never by sorting what is left of the
 * subtree (which made a province's export quadratic: each batch sorted every member after it):
 * <ul>
 * <li>{@link Plan#CELL} a unit without children: its members by {@code REG_MEMBER_CELL (CELL_ID, SORT_KEY)};</li>
 * <li>{@link Plan#WALK} a subtree holding at least 1/{@value #WALK_SHARE} of all units: the order
 * index {@code REG_MEMBER_ORDER (SORT_KEY, ID)} walked from the last key, keeping the rows whose cell
 * is in the subtree (read once, with the cells' codes, when the export starts);</li>
 * <li>{@link Plan#JOIN} a smaller subtree: the members joined to their cell's {@code PATH} range.</li>
 * </ul>
 * The subtree is the one the export started with: a cell created under it while a download runs
 * is in the next download.
 */
final class MemberExport {
    /** Rows read per batch (per transaction). */
    static final int BATCH = 1000;
    /** A subtree with at least 1/this of all units is read along the order index. */
    static final int WALK_SHARE = 8;

    enum Plan {
        CELL, WALK, JOIN
    }

    private static final String COLUMNS = "SELECT m.ID, m.CARD_NUMBER, m.FULL_NAME, m.DATE_OF_BIRTH, m.GENDER, m.ETHNICITY, m.DATE_ADMITTED,"
            + " m.DATE_OFFICIAL, m.STATUS, m.STATUS_SINCE, m.CELL_ID, m.RESIDENCE_UNIT_ID, m.PHONE, m.EMAIL, m.USES_SMARTPHONE,"
            + " m.APP_INSTALLED, m.APP_INSTALLED_ON, m.ACCOUNT_REGISTERED, m.ACCOUNT_REGISTERED_ON, m.CREATED_MS, m.UPDATED_MS, m.VERSION,"
            + " m.SORT_KEY FROM REG_MEMBER m";
    // the leading "SORT_KEY >= ?" is what lets the index start at the last key (an OR alone is no index range)
    private static final String AFTER = " m.SORT_KEY >= ? AND (m.SORT_KEY > ? OR m.ID > ?) ORDER BY m.SORT_KEY, m.ID FETCH FIRST " + BATCH
            + " ROWS ONLY";

    final Plan plan;
    private final String unitId;
    private final String path;
    /** The subtree's units by id, with their codes. */
    private final Map<String, String> codes;

    /** One batch: the members with their cells' codes, and where the next one starts. */
    record Batch(List<Member> members, List<String> cellCodes, int read, String lastKey, String lastId) {
        boolean last() {
            return read < BATCH;
        }
    }

    private MemberExport(Plan plan, String unitId, String path, Map<String, String> codes) {
        this.plan = plan;
        this.unitId = unitId;
        this.path = path;
        this.codes = codes;
    }

    /** The export of the subtree at {@code unit} (already checked within the caller's scope); {@code plan} null chooses. */
    static MemberExport of(Connection c, UnitEntity unit, Plan plan) throws SQLException {
        Map<String, String> codes = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ID, CODE FROM REG_UNIT WHERE PATH >= ? AND PATH < ?")) {
            ps.setString(1, unit.path);
            ps.setString(2, upper(unit.path));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    codes.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        codes.put(unit.id, unit.code);
        Plan chosen = plan;
        if (chosen == null) {
            if (codes.size() == 1) {
                chosen = Plan.CELL;
            } else {
                long all;
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM REG_UNIT"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    all = rs.getLong(1);
                }
                chosen = (long) codes.size() * WALK_SHARE >= all ? Plan.WALK : Plan.JOIN;
            }
        }
        return new MemberExport(chosen, unit.id, unit.path, codes);
    }

    /** The batch after ({@code key}, {@code id}); the first batch is after ("", ""). */
    Batch next(Connection c, String key, String id) throws SQLException {
        String sql = switch (plan) {
        case CELL -> COLUMNS + " WHERE m.CELL_ID = ? AND" + AFTER;
        case WALK -> COLUMNS + " WHERE" + AFTER;
        case JOIN -> COLUMNS + " JOIN REG_UNIT u ON u.ID = m.CELL_ID WHERE u.PATH >= ? AND u.PATH < ? AND" + AFTER;
        };
        List<Member> members = new ArrayList<>();
        List<String> cellCodes = new ArrayList<>();
        int read = 0;
        String lastKey = key;
        String lastId = id;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            if (plan == Plan.CELL) {
                ps.setString(p++, unitId);
            } else if (plan == Plan.JOIN) {
                ps.setString(p++, path);
                ps.setString(p++, upper(path));
            }
            ps.setString(p++, key);
            ps.setString(p++, key);
            ps.setString(p, id);
            ps.setFetchSize(BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read++;
                    lastId = rs.getString(1);
                    lastKey = rs.getString(23);
                    String code = codes.get(rs.getString(11));
                    if (code != null) { // WALK: a member of another subtree
                        members.add(member(rs));
                        cellCodes.add(code);
                    }
                }
            }
        }
        return new Batch(members, cellCodes, read, lastKey, lastId);
    }

    /** The member {@code id} if its cell is within {@code scope} (not nowhere), else null: one statement. */
    static Member byId(Connection c, String id, Scope scope) throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS);
        List<String> params = new ArrayList<>();
        if (!scope.everything()) {
            sql.append(" JOIN REG_UNIT u ON u.ID = m.CELL_ID");
        }
        sql.append(" WHERE m.ID = ?");
        params.add(id);
        if (!scope.everything()) {
            List<String> paths = scope.paths();
            sql.append(" AND (");
            for (int i = 0; i < paths.size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("(u.PATH >= ? AND u.PATH < ?)");
                params.add(paths.get(i));
                params.add(upper(paths.get(i)));
            }
            sql.append(")");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? member(rs) : null;
            }
        }
    }

    /** The row as {@link MemberEntity#toDto} gives it. */
    private static Member member(ResultSet rs) throws SQLException {
        return new Member(rs.getString(1), rs.getString(2), rs.getString(3), date(rs, 4), Gender.valueOf(rs.getString(5)), rs.getString(6),
                date(rs, 7), date(rs, 8), MemberStatus.valueOf(rs.getString(9)), date(rs, 10), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getBoolean(15), rs.getBoolean(16), date(rs, 17), rs.getBoolean(18), date(rs, 19),
                Instant.ofEpochMilli(rs.getLong(20)), Instant.ofEpochMilli(rs.getLong(21)), rs.getLong(22));
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    /**
     * The first path after every path at or below {@code path}: paths end with {@code /}, and each
     * path below sorts before the path with that last character raised by one (as the search's ranges).
     */
    private static String upper(String path) {
        return path.substring(0, path.length() - 1) + (char) (path.charAt(path.length() - 1) + 1);
    }
}
