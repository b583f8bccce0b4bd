package org.sotay.registry.impl.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.sotay.core.api.FieldError;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.security.Scope;
import org.sotay.registry.api.MemberQuery;

/**
 * One member search as SQL that an index serves, on Derby and PostgreSQL alike:
 * <ul>
 * <li>a <b>list</b> (no text): the subtree in Vietnamese order, by key ({@code SORT_KEY, ID}) from
 * the cursor: the order index or the cell index, never an offset over millions;</li>
 * <li>a <b>card-number prefix</b> (only digits): a range of the unique card index
 * ({@code CARD_NUMBER >= '0800123' AND CARD_NUMBER < '0800124'}), in card order;</li>
 * <li>a <b>name</b>: each query word must begin a word of the name; the rarest word's rows of
 * {@link MemberWords REG_MEMBER_WORD} are read in Vietnamese order and the others are matched on
 * the same index row ({@code WORDS LIKE '% van%'}), so a page costs about a page of index entries;
 * within a subtree, the row's {@code CELL_ID} is checked against the subtree's units (no member read
 * unless a status or flag filter asks for one).</li>
 * </ul>
 * The caller's scope (and the {@code unit} asked for) is a range of {@code REG_UNIT.PATH} in the same
 * statement. The total is counted up to {@value #COUNT_BOUND} (a name search looks at no more than
 * {@value #EXAMINE_BOUND} rows of its driving word for it): exact below that, a lower bound
 * above ({@code totalExact} false). Offsets (old clients) are capped at {@value #MAX_OFFSET}.
 */
final class MemberSearch {
    /** Totals are counted this far and no further. */
    static final int COUNT_BOUND = 2000;
    /** A name search's total looks at no more of its driving word's index rows than this. */
    static final int EXAMINE_BOUND = 1000;
    /** Deepest offset served; deeper pages are read with the cursor. */
    static final int MAX_OFFSET = 10_000;
    private static final int MAX_TEXT = 200;
    private static final Pattern SORT_KEY = Pattern.compile("[0-9A-Z]{0,400}");
    private static final Pattern CARD_KEY = Pattern.compile("[0-9]{0,20}");
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,36}");

    enum Mode {
        LIST('l'), CARD('c'), NAME('n');

        final char tag;

        Mode(char tag) {
            this.tag = tag;
        }
    }

    record Result(List<String> ids, long total, boolean totalExact, String nextCursor) {
    }

    private final MemberQuery q;
    private final PageRequest page;
    private final Mode mode;
    private final String card;
    private final List<String> words;
    private final String[] after;

    private MemberSearch(MemberQuery q, PageRequest page, Mode mode, String card, List<String> words, String[] after) {
        this.q = q;
        this.page = page;
        this.mode = mode;
        this.card = card;
        this.words = words;
        this.after = after;
    }

    /** Validates the query text and the cursor (400 on {@code q}, {@code offset} or {@code cursor}) and plans the search. */
    static MemberSearch of(MemberQuery q, PageRequest page) {
        Validation v = new Validation();
        v.maxLength("q", q.text(), MAX_TEXT);
        v.check(page.offset() <= MAX_OFFSET, "offset", "use-cursor", Text.of(
                "offset tối đa " + MAX_OFFSET + " cho danh sách đảng viên: trang sâu hơn đọc bằng cursor (nextCursor).",
                "offset is at most " + MAX_OFFSET + " for members: read deeper pages with the cursor (nextCursor)."));
        v.throwIfInvalid();
        String text = VietnameseText.fold(q.text());
        Mode mode = Mode.LIST;
        String card = null;
        List<String> words = List.of();
        if (text != null && !text.isEmpty()) {
            String digits = MemberRules.normaliseCard(text);
            if (digits.matches("\\d+")) {
                mode = Mode.CARD;
                card = digits;
            } else {
                mode = Mode.NAME;
                words = MemberWords.words(text);
                if (words.isEmpty()) {
                    throw SotayException.invalid(List.of(new FieldError("q", "no-words", Text.of(
                            "Nhập ít nhất một chữ hoặc số để tìm.", "Type at least one letter or digit to search."))));
                }
                if (words.size() > MemberWords.MAX_WORDS) {
                    throw SotayException.invalid(List.of(new FieldError("q", "too-many-words", Text.of(
                            "Tìm tối đa " + MemberWords.MAX_WORDS + " từ.", "Search with at most " + MemberWords.MAX_WORDS + " words."))));
                }
            }
        }
        return new MemberSearch(q, page, mode, card, words, decode(page.cursor(), mode));
    }

    /** Reads the page's member ids in order, the bounded total and the next cursor, on the transaction's connection. */
    Result run(Connection c, Scope scope, String unitPath) throws SQLException {
        long[] driverRows = new long[1];
        String driver = mode == Mode.NAME ? rarest(c, driverRows) : null;
        Sql base = select(scope, unitPath, driver, false);
        String key = mode == Mode.CARD ? "m.CARD_NUMBER" : mode == Mode.NAME ? "w.SORT_KEY" : "m.SORT_KEY";
        String id = mode == Mode.NAME ? "w.MEMBER_ID" : "m.ID";

        Sql list = base.copy();
        if (after != null) {
            // the leading "key >= ?" is what lets the index start at the cursor (an OR alone is no index range)
            list.sql.append(" AND ").append(key).append(" >= ? AND (").append(key).append(" > ? OR ").append(id).append(" > ?)");
            list.params.add(after[0]);
            list.params.add(after[0]);
            list.params.add(after[1]);
        }
        list.sql.append(" ORDER BY ").append(key).append(", ").append(id).append(" OFFSET ").append(page.offset())
                .append(" ROWS FETCH FIRST ").append(page.limit() + 1).append(" ROWS ONLY");
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement ps = list.prepare(c, key + ", " + id); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new String[] { rs.getString(1), rs.getString(2) });
            }
        }
        String next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            String[] last = rows.get(rows.size() - 1);
            next = encode(mode, last[0], last[1]);
        }
        List<String> ids = rows.stream().map(r -> r[1]).toList();

        // a common word in a small subtree: count among its first EXAMINE_BOUND rows only (a lower bound)
        boolean examined = driverRows[0] > EXAMINE_BOUND;
        Sql count = examined ? select(scope, unitPath, driver, true) : base.copy();
        count.sql.append(" FETCH FIRST ").append(COUNT_BOUND + 1).append(" ROWS ONLY) t");
        long total;
        try (PreparedStatement ps = count.prepare(c, "SELECT COUNT(*) FROM (SELECT 1 AS ONE"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
        }
        boolean exact = total <= COUNT_BOUND && !examined;
        // a lower bound is never below what this page shows (the rows looked at may not reach this page)
        long seen = (long) page.offset() + ids.size() + (next == null ? 0 : 1);
        return new Result(ids, exact ? total : Math.max(Math.min(total, COUNT_BOUND), Math.min(seen, COUNT_BOUND)), exact, next);
    }

    /** The query word with the fewest index rows (counted up to the bound): the one whose rows drive the search. */
    private String rarest(Connection c, long[] rows) throws SQLException {
        String best = null;
        long bestCount = Long.MAX_VALUE;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 AS ONE FROM REG_MEMBER_WORD WHERE WORD = ?"
                + " FETCH FIRST " + (EXAMINE_BOUND + 1) + " ROWS ONLY) t")) {
            for (String w : words) {
                ps.setString(1, key(w));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long n = rs.getLong(1);
                    if (n < bestCount) {
                        bestCount = n;
                        best = key(w);
                    }
                    rows[0] = bestCount;
                }
            }
        }
        return best;
    }

    private static String key(String word) {
        return word.length() <= MemberWords.WORD_MAX ? word : word.substring(0, MemberWords.WORD_MAX);
    }

    /** FROM and WHERE of the search (columns are put in front by {@link Sql#prepare}). */
    private Sql select(Scope scope, String unitPath, String driver, boolean firstDriverRows) {
        Sql s = new Sql();
        boolean tree = unitPath != null || !scope.everything();
        boolean filtered = q.status() != null || q.usesSmartphone() != null || q.appInstalled() != null || q.accountRegistered() != null;
        String wordTable = "REG_MEMBER_WORD w";
        if (mode == Mode.NAME && firstDriverRows) {
            wordTable = "(SELECT WORD, SORT_KEY, MEMBER_ID, WORDS, CELL_ID FROM REG_MEMBER_WORD WHERE WORD = ? ORDER BY SORT_KEY, MEMBER_ID FETCH FIRST "
                    + EXAMINE_BOUND + " ROWS ONLY) w";
            s.params.add(driver);
        }
        if (mode != Mode.NAME) {
            s.sql.append(" FROM REG_MEMBER m");
        } else if (filtered) {
            s.sql.append(" FROM ").append(wordTable).append(" JOIN REG_MEMBER m ON m.ID = w.MEMBER_ID");
        } else {
            // the index alone answers (no filter on the member): every row of it names a member and its cell
            s.sql.append(" FROM ").append(wordTable);
        }
        if (tree) {
            // a name search checks the cell on the index row: the subtree's cells are one range of REG_UNIT's path index
            s.sql.append(" JOIN REG_UNIT u ON u.ID = ").append(mode == Mode.NAME ? "w.CELL_ID" : "m.CELL_ID");
        }
        s.sql.append(" WHERE 1 = 1");
        if (mode == Mode.NAME) {
            s.sql.append(" AND w.WORD = ?");
            s.params.add(driver);
            for (String w : words) {
                if (!key(w).equals(driver) || w.length() > MemberWords.WORD_MAX) {
                    // letters and digits only: nothing to escape; read on the index row itself
                    s.sql.append(" AND w.WORDS LIKE ?");
                    s.params.add("% " + w + "%");
                }
            }
        } else if (mode == Mode.CARD) {
            s.sql.append(" AND m.CARD_NUMBER >= ? AND m.CARD_NUMBER < ?");
            s.params.add(card);
            s.params.add(card.substring(0, card.length() - 1) + (char) (card.charAt(card.length() - 1) + 1));
        }
        if (unitPath != null) {
            // the unit is within the scope (Units.visible): its range is enough
            s.sql.append(" AND ");
            range(s, unitPath);
        } else if (!scope.everything()) {
            s.sql.append(" AND (");
            List<String> paths = scope.paths();
            for (int i = 0; i < paths.size(); i++) {
                s.sql.append(i == 0 ? "(" : " OR (");
                range(s, paths.get(i));
                s.sql.append(")");
            }
            s.sql.append(")");
        }
        if (q.status() != null) {
            s.sql.append(" AND m.STATUS = ?");
            s.params.add(q.status().name());
        }
        flag(s, "USES_SMARTPHONE", q.usesSmartphone());
        flag(s, "APP_INSTALLED", q.appInstalled());
        flag(s, "ACCOUNT_REGISTERED", q.accountRegistered());
        return s;
    }

    /**
     * {@code PATH} at or below {@code path}, as a range rather than {@code LIKE ?}: a prepared
     * statement's generic plan on PostgreSQL cannot use the index for a parameter LIKE, and the range
     * holds whatever the path's characters (paths end with {@code /}, and every path below sorts
     * before the path with that {@code /} raised to {@code 0}; path columns compare bytes).
     */
    private static void range(Sql s, String path) {
        s.sql.append("u.PATH >= ? AND u.PATH < ?");
        s.params.add(path);
        s.params.add(path.substring(0, path.length() - 1) + (char) (path.charAt(path.length() - 1) + 1));
    }

    private static void flag(Sql s, String column, Boolean value) {
        if (value != null) {
            s.sql.append(" AND m.").append(column).append(" = ?");
            s.params.add(value);
        }
    }

    static String encode(Mode mode, String key, String id) {
        String raw = mode.tag + key + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** The (key, id) a cursor of this mode holds; anything else is a 400 on {@code cursor}. */
    static String[] decode(String cursor, Mode mode) {
        if (cursor == null) {
            return null;
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw SotayException.invalid(List.of(PageRequest.invalidCursor()));
        }
        int dot = raw.lastIndexOf('.');
        if (raw.isEmpty() || raw.charAt(0) != mode.tag || dot < 1) {
            throw SotayException.invalid(List.of(PageRequest.invalidCursor()));
        }
        String key = raw.substring(1, dot);
        String id = raw.substring(dot + 1);
        Pattern keys = mode == Mode.CARD ? CARD_KEY : SORT_KEY;
        if (!keys.matcher(key).matches() || !ID.matcher(id).matches()) {
            throw SotayException.invalid(List.of(PageRequest.invalidCursor()));
        }
        return new String[] { key, id };
    }

    /** SQL text with its positional parameters. */
    private static final class Sql {
        final StringBuilder sql = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        Sql copy() {
            Sql s = new Sql();
            s.sql.append(sql);
            s.params.addAll(params);
            return s;
        }

        /** {@code head} ("SELECT cols" or a wrapping "SELECT COUNT(*) FROM (SELECT 1") then this text. */
        PreparedStatement prepare(Connection c, String head) throws SQLException {
            String h = head.startsWith("SELECT") ? head : "SELECT " + head;
            PreparedStatement ps = c.prepareStatement(h + sql);
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof Boolean b) {
                    ps.setBoolean(i + 1, b);
                } else {
                    ps.setString(i + 1, (String) p);
                }
            }
            return ps;
        }
    }
}
