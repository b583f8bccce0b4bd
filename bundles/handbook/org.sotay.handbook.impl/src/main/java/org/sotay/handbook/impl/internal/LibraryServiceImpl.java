package org.sotay.handbook.impl.internal;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.blobs.BlobStore;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.handbook.api.AttachmentFile;
import org.sotay.handbook.api.AttachmentInfo;
import org.sotay.handbook.api.ChangeEntry;
import org.sotay.handbook.api.Changes;
import org.sotay.handbook.api.ItemSummary;
import org.sotay.handbook.api.ItemView;
import org.sotay.handbook.api.LibraryQuery;
import org.sotay.handbook.api.LibraryService;
import org.sotay.handbook.api.Packet;
import org.sotay.handbook.api.PacketItem;
import org.sotay.handbook.api.SearchHit;
import org.sotay.handbook.api.documents.DocumentContent;
import org.sotay.handbook.spi.PacketContributor;
import org.sotay.registry.api.MemberService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader's side. Every query carries the reader's audience condition ({@link Reader#audience}) in its WHERE
 * clause, so an item addressed elsewhere is never read from the database for this caller.
 */
@Component(service = { LibraryService.class, LibraryServiceImpl.class }, configurationPid = HandbookConfig.PID)
public class LibraryServiceImpl implements LibraryService {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryServiceImpl.class);
    static final int SEARCH_WORDS = 8;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final Clock clock;
    private final OrgTree tree;
    private final MemberService members;
    private final BlobStore blobs;
    private final List<PacketContributor> contributors = new CopyOnWriteArrayList<>();
    private volatile HandbookConfig config;

    @Activate
    public LibraryServiceImpl(@Reference HandbookSchema schema, @Reference(target = "(osgi.unit.name=sotay-handbook)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Clock clock, @Reference OrgTree tree, @Reference MemberService members,
            @Reference BlobStore blobs, HandbookConfig config) {
        this(jpa, callers, clock, tree, members, blobs, config);
    }

    LibraryServiceImpl(JpaTemplate jpa, CallerContext callers, Clock clock, OrgTree tree, MemberService members, BlobStore blobs,
            HandbookConfig config) {
        this.jpa = jpa;
        this.callers = callers;
        this.clock = clock;
        this.tree = tree;
        this.members = members;
        this.blobs = blobs;
        this.config = config;
    }

    @Modified
    void modified(HandbookConfig c) {
        this.config = c;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContributor(PacketContributor c) {
        contributors.add(c);
    }

    void removeContributor(PacketContributor c) {
        contributors.remove(c);
    }

    Reader reader() {
        return Reader.of(callers.current(), members, tree);
    }

    @Override
    public Page<ItemSummary> list(LibraryQuery query, PageRequest page) {
        LibraryQuery q = query == null ? new LibraryQuery(null, null, null, null) : query;
        Reader r = reader();
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" FROM HBK_ITEM i WHERE i.STATUS = 'PUBLISHED' AND ").append(r.audience("i.ID", true, params));
        if (q.kind() != null && !q.kind().isBlank()) {
            where.append(" AND i.KIND = ?");
            params.add(q.kind().strip());
        }
        if (q.categoryId() != null && !q.categoryId().isBlank()) {
            where.append(" AND i.CATEGORY_ID IN (SELECT g.ID FROM HBK_CATEGORY g WHERE g.PATH LIKE ?)");
            params.add("%/" + q.categoryId().strip().replace("%", "").replace("_", "") + "/%");
        }
        if (q.tag() != null && !q.tag().isBlank()) {
            where.append(" AND EXISTS (SELECT 1 FROM HBK_TAG t WHERE t.ITEM_ID = i.ID AND t.TAG_KEY = ?)");
            params.add(Items.tagKey(q.tag()));
        }
        if (q.mandatory() != null) {
            where.append(" AND i.MANDATORY = ?");
            params.add(q.mandatory() ? 1 : 0);
        }
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            long total = Sql.count(c, "SELECT COUNT(*)" + where, params.toArray());
            List<Object> all = new ArrayList<>();
            all.add(r.memberId == null ? "" : r.memberId);
            all.addAll(params);
            all.add(page.offset());
            all.add(page.limit());
            List<ItemSummary> items = Sql.query(c, "SELECT " + Items.SUMMARY_COLUMNS + where
                    + " ORDER BY i.PUBLISHED_MS DESC, i.ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", Items::summary, all.toArray());
            return new Page<>(items, total, page);
        });
    }

    @Override
    public ItemView get(String id) {
        Reader r = reader();
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            ItemSummary s = visible(c, r, id);
            List<Object[]> body = Sql.query(c, "SELECT BODY_HTML FROM HBK_ITEM WHERE ID = ?", rs -> new Object[] { rs.getString(1) }, s.id());
            List<Boolean> behalf = Sql.query(c, "SELECT ON_BEHALF FROM HBK_READ WHERE ITEM_ID = ? AND MEMBER_ID = ?", rs -> rs.getInt(1) == 1, s.id(),
                    r.memberId == null ? "" : r.memberId);
            boolean bookmarked = Sql.count(c, "SELECT COUNT(*) FROM HBK_BOOKMARK WHERE READER_ID = ? AND ITEM_ID = ?", r.key, s.id()) > 0;
            return new ItemView(s.id(), s.kind(), s.categoryId(), s.title(), s.summary(), (String) body.get(0)[0], s.tags(), s.issuer(),
                    s.documentNumber(), s.documentDate(), s.mandatory(), s.deadline(), s.publishedAt(), s.updatedAt(), s.edition(),
                    Items.attachments(c, s.id()), s.readAt(), !behalf.isEmpty() && behalf.get(0), bookmarked);
        });
    }

    /** The summary of a published item the reader may read, or not found. */
    static ItemSummary visible(Connection c, Reader r, String id) {
        if (id == null || id.length() > 36) {
            throw Items.notFound();
        }
        List<Object> params = new ArrayList<>();
        params.add(r.memberId == null ? "" : r.memberId);
        params.add(id);
        String audience = r.audience("i.ID", true, params);
        List<ItemSummary> found = Sql.query(c, "SELECT " + Items.SUMMARY_COLUMNS + " FROM HBK_ITEM i WHERE i.ID = ? AND i.STATUS = 'PUBLISHED' AND " + audience,
                Items::summary, params.toArray());
        if (found.isEmpty()) {
            throw Items.notFound();
        }
        return found.get(0);
    }

    @Override
    public Page<SearchHit> search(String text, PageRequest page) {
        List<String> words = Words.query(text, SEARCH_WORDS);
        if (words.isEmpty()) {
            throw SotayException.invalid(List.of(new FieldError("q", "required",
                    Text.of("Hãy nhập ít nhất một từ (chữ hoặc số).", "Type at least one word (letters or digits)."))));
        }
        Reader r = reader();
        List<Object> params = new ArrayList<>(words);
        String audience = r.audience("i.ID", true, params);
        String matches = "SELECT w.ITEM_ID, SUM(w.WEIGHT) AS SCORE FROM HBK_WORD w JOIN HBK_ITEM i ON i.ID = w.ITEM_ID WHERE w.WORD IN ("
                + Sql.marks(words.size()) + ") AND i.STATUS = 'PUBLISHED' AND " + audience + " GROUP BY w.ITEM_ID HAVING COUNT(*) = ?";
        params.add(words.size());
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            long total = Sql.count(c, "SELECT COUNT(*) FROM (" + matches + ") m", params.toArray());
            List<Object> all = new ArrayList<>();
            all.add(r.memberId == null ? "" : r.memberId);
            all.addAll(params);
            all.add(page.offset());
            all.add(page.limit());
            List<SearchHit> hits = Sql.query(c, "SELECT " + Items.SUMMARY_COLUMNS + ", m.SCORE FROM (" + matches + ") m JOIN HBK_ITEM i ON i.ID = m.ITEM_ID"
                    + " ORDER BY m.SCORE DESC, i.PUBLISHED_MS DESC, i.ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                    rs -> new SearchHit(Items.summary(rs), (int) Math.min(Integer.MAX_VALUE, rs.getLong("SCORE"))), all.toArray());
            return new Page<>(hits, total, page);
        });
    }

    // ---- the delta feed ----

    record Cursor(long ms, String id, String fingerprint) {
        String encode() {
            return "c1." + Base64.getUrlEncoder().withoutPadding().encodeToString((ms + ":" + id + ":" + fingerprint).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String s) {
            SotayException bad = SotayException.invalid(List.of(new FieldError("since", "invalid-value",
                    Text.of("Con trỏ không hợp lệ; hãy đồng bộ lại từ đầu (bỏ since).", "Not a valid cursor; sync again from the start (no since)."))));
            if (s == null || !s.startsWith("c1.") || s.length() > 200) {
                throw bad;
            }
            try {
                String[] p = new String(Base64.getUrlDecoder().decode(s.substring(3)), StandardCharsets.UTF_8).split(":", -1);
                if (p.length != 3 || p[1].length() > 36 || p[2].length() > 20) {
                    throw bad;
                }
                return new Cursor(Long.parseLong(p[0]), p[1], p[2]);
            } catch (IllegalArgumentException e) {
                throw bad;
            }
        }
    }

    @Override
    public Changes changes(String since, int limit) {
        Cursor cursor = since == null || since.isBlank() ? null : Cursor.decode(since.strip());
        Reader r = reader();
        String fp = r.fingerprint();
        boolean reset = cursor != null && !cursor.fingerprint().equals(fp);
        long fromMs = cursor == null || reset ? -1 : cursor.ms();
        String fromId = cursor == null || reset ? "" : cursor.id();
        boolean first = fromMs < 0;
        long upTo = clock.millis() - config.changesSettleMs();
        List<Object> params = new ArrayList<>();
        params.add(upTo);
        params.add(fromMs);
        params.add(fromMs);
        params.add(fromId);
        String audience = r.audience("i.ID", first, params);
        params.add(limit + 1);
        String status = first ? "i.STATUS = 'PUBLISHED'" : "i.STATUS IN ('PUBLISHED', 'WITHDRAWN')";
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            List<Object[]> rows = Sql.query(c, "SELECT i.ID, i.KIND, i.TITLE, i.SUMMARY, i.MANDATORY, i.DEADLINE, i.PUBLISHED_MS, i.CHANGE_MS, i.EDITION,"
                    + " (SELECT COUNT(*) FROM HBK_ATTACHMENT t WHERE t.ITEM_ID = i.ID) FROM HBK_ITEM i WHERE i.PUBLISHED_MS IS NOT NULL AND i.CHANGE_MS <= ?"
                    + " AND (i.CHANGE_MS > ? OR (i.CHANGE_MS = ? AND i.ID > ?)) AND " + status + " AND " + audience
                    + " ORDER BY i.CHANGE_MS, i.ID FETCH FIRST ? ROWS ONLY",
                    rs -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) == 1, Sql.date(rs, "DEADLINE"),
                            rs.getLong(7), rs.getLong(8), rs.getInt(9), rs.getInt(10) },
                    params.toArray());
            boolean more = rows.size() > limit;
            if (more) {
                rows = rows.subList(0, limit);
            }
            Set<String> shown = new LinkedHashSet<>();
            if (!rows.isEmpty()) {
                List<Object> vp = new ArrayList<>();
                for (Object[] row : rows) {
                    vp.add(row[0]);
                }
                String va = r.audience("i.ID", true, vp);
                shown.addAll(Sql.query(c, "SELECT i.ID FROM HBK_ITEM i WHERE i.ID IN (" + Sql.marks(rows.size()) + ") AND i.STATUS = 'PUBLISHED' AND " + va,
                        rs -> rs.getString(1), vp.toArray()));
            }
            List<ChangeEntry> entries = new ArrayList<>();
            for (Object[] row : rows) {
                String id = (String) row[0];
                Instant changed = Instant.ofEpochMilli((Long) row[7]);
                if (shown.contains(id)) {
                    entries.add(new ChangeEntry(id, false, (String) row[1], (String) row[2], (String) row[3], (Boolean) row[4],
                            (java.time.LocalDate) row[5], Instant.ofEpochMilli((Long) row[6]), changed, (Integer) row[8], (Integer) row[9]));
                } else {
                    entries.add(new ChangeEntry(id, true, null, null, null, false, null, null, changed, 0, 0));
                }
            }
            Cursor next = rows.isEmpty() ? new Cursor(Math.max(fromMs, 0), fromId, fp)
                    : new Cursor((Long) rows.get(rows.size() - 1)[7], (String) rows.get(rows.size() - 1)[0], fp);
            return new Changes(entries, next.encode(), more, reset);
        });
    }

    // ---- the offline packet ----

    @Override
    public Packet packet() {
        Reader r = reader();
        Map<String, PacketItem> items = new LinkedHashMap<>();
        if (r.memberId == null) {
            return new Packet(List.of());
        }
        List<ItemSummary> toRead = ReadingServiceImpl.toRead(jpa, r, 0, 200);
        Map<String, Text> reasons = new LinkedHashMap<>();
        for (ItemSummary s : toRead) {
            reasons.put(s.id(), Text.of("Cần đọc trước ngày " + DAY.format(s.deadline()), "To read by " + s.deadline()));
        }
        for (PacketContributor contributor : contributors) {
            try {
                for (PacketContributor.Entry e : contributor.entriesFor(r.memberId, r.cellId)) {
                    if (e != null && e.itemId() != null && e.reason() != null) {
                        reasons.putIfAbsent(e.itemId(), e.reason());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("A packet contributor failed and is left out of this packet: {}", contributor.getClass().getName(), e);
            }
        }
        List<String> ids = new ArrayList<>(reasons.keySet());
        Map<String, ItemSummary> mandatory = new LinkedHashMap<>();
        toRead.forEach(s -> mandatory.put(s.id(), s));
        List<DocumentContent> contents = jpa.txExpr(TransactionType.Required, em -> {
            List<Object> params = new ArrayList<>();
            String audience = r.audience("i.ID", true, params);
            return Contents.of(em.unwrap(Connection.class), ids, audience, params);
        });
        for (DocumentContent d : contents) {
            Text why = reasons.get(d.itemId());
            ItemSummary m = mandatory.get(d.itemId());
            items.put(d.itemId(), new PacketItem(d, why.vi(), why.en(), m != null, m == null ? null : m.deadline()));
        }
        return new Packet(new ArrayList<>(items.values()));
    }

    // ---- attachments ----

    @Override
    public AttachmentFile attachment(String itemId, String attachmentId) {
        Reader r = reader();
        Object[] found = jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            ItemSummary s = visible(c, r, itemId);
            List<Object[]> rows = attachmentId == null || attachmentId.length() > 36 ? List.of()
                    : Sql.query(c, "SELECT ID, FILE_NAME, MEDIA_TYPE, SIZE_BYTES, SHA256, BLOB_ID FROM HBK_ATTACHMENT WHERE ID = ? AND ITEM_ID = ?",
                            rs -> new Object[] { new AttachmentInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                                    "/api/v1/handbook/items/" + s.id() + "/attachments/" + rs.getString(1)), rs.getString(6) },
                            attachmentId, s.id());
            if (rows.isEmpty()) {
                throw SotayException.notFound(Text.of("Không có tệp đính kèm này.", "There is no such attachment."));
            }
            return rows.get(0);
        });
        AttachmentInfo info = (AttachmentInfo) found[0];
        String blob = (String) found[1];
        return new AttachmentFile() {
            @Override
            public AttachmentInfo info() {
                return info;
            }

            @Override
            public InputStream open(long offset, long length) {
                return blobs.open(blob, offset, length);
            }
        };
    }
}
