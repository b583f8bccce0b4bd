package org.sotay.handbook.impl.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.VietnameseText;
import org.sotay.handbook.api.AttachmentInfo;
import org.sotay.handbook.api.Audience;
import org.sotay.handbook.api.HandbookEvents;
import org.sotay.handbook.api.Item;
import org.sotay.handbook.api.ItemStatus;
import org.sotay.handbook.api.ItemSummary;

/** The rows around an item (audience, tags, attachments, search words) and the shapes it is answered in. */
final class Items {
    static final Text NOT_FOUND = Text.of("Không có tài liệu này.", "There is no such item.");
    /** The columns {@link #summary} reads, for {@code HBK_ITEM i}; its one parameter is the reader's member id. */
    static final String SUMMARY_COLUMNS = "i.ID, i.KIND, i.CATEGORY_ID, i.TITLE, i.SUMMARY, i.TAGS, i.ISSUER, i.DOC_NUMBER, i.DOC_DATE, i.MANDATORY,"
            + " i.DEADLINE, i.PUBLISHED_MS, i.UPDATED_MS, i.EDITION,"
            + " (SELECT COUNT(*) FROM HBK_ATTACHMENT t WHERE t.ITEM_ID = i.ID) AS ATTACHMENTS,"
            + " (SELECT r.READ_MS FROM HBK_READ r WHERE r.ITEM_ID = i.ID AND r.MEMBER_ID = ?) AS READ_MS";

    private Items() {
    }

    static SotayException notFound() {
        return SotayException.notFound(NOT_FOUND);
    }

    static ItemSummary summary(ResultSet rs) throws SQLException {
        Long read = Sql.longOrNull(rs, "READ_MS");
        return new ItemSummary(rs.getString("ID"), rs.getString("KIND"), rs.getString("CATEGORY_ID"), rs.getString("TITLE"),
                rs.getString("SUMMARY"), tags(rs.getString("TAGS")), rs.getString("ISSUER"), rs.getString("DOC_NUMBER"),
                Sql.date(rs, "DOC_DATE"), rs.getInt("MANDATORY") == 1, Sql.date(rs, "DEADLINE"), Instant.ofEpochMilli(rs.getLong("PUBLISHED_MS")),
                Instant.ofEpochMilli(rs.getLong("UPDATED_MS")), rs.getInt("EDITION"), rs.getInt("ATTACHMENTS"),
                read == null ? null : Instant.ofEpochMilli(read));
    }

    static List<String> tags(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split("\n"));
    }

    static List<String> roles(ItemEntity e) {
        return e.audienceRoles == null || e.audienceRoles.isEmpty() ? List.of() : Arrays.asList(e.audienceRoles.split(","));
    }

    /** The active audience units, in order. */
    static List<String> audienceUnits(Connection c, String itemId) {
        return Sql.query(c, "SELECT DISTINCT UNIT_ID FROM HBK_AUDIENCE WHERE ITEM_ID = ? AND ACTIVE = 1 ORDER BY UNIT_ID", rs -> rs.getString(1),
                itemId);
    }

    static List<String> audiencePaths(Connection c, String itemId) {
        return Sql.query(c, "SELECT DISTINCT UNIT_PATH FROM HBK_AUDIENCE WHERE ITEM_ID = ? AND ACTIVE = 1 ORDER BY UNIT_PATH",
                rs -> rs.getString(1), itemId);
    }

    /**
     * Makes the active audience exactly {@code units} (id to path) times {@code roles} ({@code *} when none): new rows
     * are added, rows no longer wanted are kept inactive (for tombstones), rows wanted again become active.
     */
    static void writeAudience(Connection c, String itemId, Map<String, String> units, List<String> roles, long now) {
        List<String> wantedRoles = roles.isEmpty() ? List.of(Reader.EVERYONE) : roles;
        Map<String, Integer> existing = new HashMap<>();
        for (String[] row : Sql.query(c, "SELECT UNIT_ID, ROLE_CODE, ACTIVE FROM HBK_AUDIENCE WHERE ITEM_ID = ?",
                rs -> new String[] { rs.getString(1) + "|" + rs.getString(2), Integer.toString(rs.getInt(3)) }, itemId)) {
            existing.put(row[0], Integer.parseInt(row[1]));
        }
        Map<String, Boolean> wanted = new LinkedHashMap<>();
        units.forEach((unit, path) -> {
            for (String role : wantedRoles) {
                String key = unit + "|" + role;
                wanted.put(key, Boolean.TRUE);
                Integer active = existing.get(key);
                if (active == null) {
                    Sql.update(c, "INSERT INTO HBK_AUDIENCE (ITEM_ID, UNIT_ID, ROLE_CODE, UNIT_PATH, ACTIVE, ADDED_MS) VALUES (?, ?, ?, ?, 1, ?)", itemId,
                            unit, role, path, now);
                } else if (active == 0) {
                    Sql.update(c, "UPDATE HBK_AUDIENCE SET ACTIVE = 1, ADDED_MS = ?, UNIT_PATH = ? WHERE ITEM_ID = ? AND UNIT_ID = ? AND ROLE_CODE = ?", now,
                            path, itemId, unit, role);
                }
            }
        });
        existing.forEach((key, active) -> {
            if (active == 1 && !wanted.containsKey(key)) {
                String[] k = key.split("\\|", 2);
                Sql.update(c, "UPDATE HBK_AUDIENCE SET ACTIVE = 0 WHERE ITEM_ID = ? AND UNIT_ID = ? AND ROLE_CODE = ?", itemId, k[0], k[1]);
            }
        });
    }

    static void writeTags(Connection c, String itemId, List<String> tags) {
        Sql.update(c, "DELETE FROM HBK_TAG WHERE ITEM_ID = ?", itemId);
        for (String tag : tags) {
            Sql.update(c, "INSERT INTO HBK_TAG (ITEM_ID, TAG_KEY, TAG) VALUES (?, ?, ?)", itemId, tagKey(tag), tag);
        }
    }

    static String tagKey(String tag) {
        String k = VietnameseText.fold(tag);
        return k.length() > 50 ? k.substring(0, 50) : k;
    }

    static List<AttachmentInfo> attachments(Connection c, String itemId) {
        return Sql.query(c, "SELECT ID, FILE_NAME, MEDIA_TYPE, SIZE_BYTES, SHA256 FROM HBK_ATTACHMENT WHERE ITEM_ID = ? ORDER BY CREATED_MS, ID",
                rs -> new AttachmentInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        "/api/v1/handbook/items/" + itemId + "/attachments/" + rs.getString(1)),
                itemId);
    }

    /** The search words of a published item, rewritten; none for any other status. */
    static void index(Connection c, ItemEntity e) {
        Sql.update(c, "DELETE FROM HBK_WORD WHERE ITEM_ID = ?", e.id);
        if (!ItemStatus.PUBLISHED.name().equals(e.status)) {
            return;
        }
        String tagText = String.join(" ", tags(e.tags));
        Map<String, Integer> weights = Words.weights(e.title + " " + tagText, e.summary, Markdown.text(e.bodyHtml));
        weights.forEach((word, weight) -> Sql.update(c, "INSERT INTO HBK_WORD (WORD, ITEM_ID, WEIGHT) VALUES (?, ?, ?)", word, e.id, weight));
    }

    static Item toItem(Connection c, ItemEntity e) {
        return new Item(e.id, e.kind, e.categoryId, e.title, e.summary, e.body, e.bodyHtml, tags(e.tags), e.issuer, e.documentNumber,
                e.documentDate, ItemStatus.valueOf(e.status), e.ownerUnitId, new Audience(audienceUnits(c, e.id), roles(e)), e.mandatory == 1,
                e.deadline, instant(e.publishAtMs), instant(e.publishedMs), instant(e.withdrawnMs), Instant.ofEpochMilli(e.createdMs),
                Instant.ofEpochMilli(e.updatedMs), e.edition, attachments(c, e.id), e.version);
    }

    static Instant instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    /** The properties of an item event. */
    static Map<String, Object> event(Connection c, ItemEntity e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(HandbookEvents.ID, e.id);
        p.put(HandbookEvents.UNITS, audienceUnits(c, e.id).toArray(new String[0]));
        p.put(HandbookEvents.KIND, e.kind);
        p.put(HandbookEvents.TITLE, e.title);
        p.put(HandbookEvents.MANDATORY, e.mandatory == 1);
        if (e.mandatory == 1 && e.deadline != null) {
            p.put(HandbookEvents.DEADLINE, e.deadline.toString());
        }
        p.put(HandbookEvents.ROLES, roles(e).toArray(new String[0]));
        return p;
    }

    static <T> List<T> page(List<T> all, int offset, int limit) {
        return offset >= all.size() ? List.of() : new ArrayList<>(all.subList(offset, Math.min(all.size(), offset + limit)));
    }
}
