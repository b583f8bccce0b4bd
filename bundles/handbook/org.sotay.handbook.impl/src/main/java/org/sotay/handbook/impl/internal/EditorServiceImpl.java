package org.sotay.handbook.impl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.sotay.core.api.Dates;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.blobs.BlobInfo;
import org.sotay.core.api.blobs.BlobStore;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.handbook.api.AttachmentInfo;
import org.sotay.handbook.api.Audience;
import org.sotay.handbook.api.EditorQuery;
import org.sotay.handbook.api.EditorService;
import org.sotay.handbook.api.HandbookEvents;
import org.sotay.handbook.api.HandbookPermissions;
import org.sotay.handbook.api.Item;
import org.sotay.handbook.api.ItemDraft;
import org.sotay.handbook.api.ItemStatus;
import org.sotay.handbook.api.ItemVersion;
import org.sotay.handbook.api.AttachmentInfo;

/**
 * Writing items: drafts, publication now or at a time, edits that keep the previous edition, withdrawal,
 * attachments in the blob store. An item is owned by a unit ({@link HandbookPermissions#ITEM_WRITE} scope, the
 * editors' view); its audience must lie in the publisher's {@link HandbookPermissions#ITEM_PUBLISH} scope.
 */
@Component(service = { EditorService.class, EditorServiceImpl.class }, configurationPid = HandbookConfig.PID)
@Designate(ocd = HandbookConfig.class)
public class EditorServiceImpl implements EditorService {
    static final ProblemType UNSUPPORTED_FILE = ProblemType.of("handbook.unsupported-file", 415,
            Text.of("Loại tệp không được chấp nhận", "This kind of file is not accepted"));
    static final ProblemType WITHDRAWN = ProblemType.of("handbook.withdrawn", 409,
            Text.of("Tài liệu đã bị thu hồi", "The item was withdrawn"));
    static final ProblemType STATE = ProblemType.of("handbook.item-state", 409,
            Text.of("Không thực hiện được ở trạng thái hiện tại của tài liệu", "Not possible in the item's current state"));
    static final int MAX_ATTACHMENTS = 20;

    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final Journal journal;
    private final Clock clock;
    private final OrgTree tree;
    private final BlobStore blobs;
    private volatile HandbookConfig config;

    @Activate
    public EditorServiceImpl(@Reference HandbookSchema schema, @Reference(target = "(osgi.unit.name=sotay-handbook)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference Clock clock, @Reference OrgTree tree,
            @Reference BlobStore blobs, HandbookConfig config) {
        this(jpa, callers, journal, clock, tree, blobs, config);
    }

    EditorServiceImpl(JpaTemplate jpa, CallerContext callers, Journal journal, Clock clock, OrgTree tree, BlobStore blobs, HandbookConfig config) {
        this.jpa = jpa;
        this.callers = callers;
        this.journal = journal;
        this.clock = clock;
        this.tree = tree;
        this.blobs = blobs;
        this.config = config;
    }

    @Modified
    void modified(HandbookConfig c) {
        this.config = c;
    }

    @Override
    public Page<Item> list(EditorQuery query, PageRequest page) {
        EditorQuery q = query == null ? new EditorQuery(null, null, null) : query;
        Scope scope = Scope.of(callers.current(), HandbookPermissions.ITEM_WRITE, tree);
        String unitPath = q.unitId() == null || q.unitId().isBlank() ? null : unitIn(scope, q.unitId().strip(), "unit");
        StringBuilder where = new StringBuilder(" FROM ItemEntity i WHERE ").append(scope.jpql("i.ownerPath"));
        if (unitPath != null) {
            where.append(" AND i.ownerPath LIKE :unit");
        }
        if (q.status() != null) {
            where.append(" AND i.status = :status");
        }
        if (q.kind() != null && !q.kind().isBlank()) {
            where.append(" AND i.kind = :kind");
        }
        return jpa.txExpr(TransactionType.Required, em -> {
            TypedQuery<Long> count = bind(em.createQuery("SELECT COUNT(i)" + where, Long.class), scope, unitPath, q);
            TypedQuery<ItemEntity> list = bind(em.createQuery("SELECT i" + where + " ORDER BY i.updatedMs DESC, i.id", ItemEntity.class), scope,
                    unitPath, q);
            Connection c = em.unwrap(Connection.class);
            List<Item> items = list.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream().map(e -> Items.toItem(c, e))
                    .toList();
            return new Page<>(items, count.getSingleResult(), page);
        });
    }

    private static <Q extends javax.persistence.Query> Q bind(Q query, Scope scope, String unitPath, EditorQuery q) {
        scope.parameters().forEach(query::setParameter);
        if (unitPath != null) {
            query.setParameter("unit", Scope.likePrefix(unitPath));
        }
        if (q.status() != null) {
            query.setParameter("status", q.status().name());
        }
        if (q.kind() != null && !q.kind().isBlank()) {
            query.setParameter("kind", q.kind().strip());
        }
        return query;
    }

    @Override
    public Item get(String id) {
        Scope scope = Scope.of(callers.current(), HandbookPermissions.ITEM_WRITE, tree);
        return jpa.txExpr(TransactionType.Required, em -> Items.toItem(em.unwrap(Connection.class), find(em, scope, id)));
    }

    @Override
    public Item create(ItemDraft draft) {
        Caller caller = callers.current();
        Valid d = validate(draft, false);
        Scope write = Scope.of(caller, HandbookPermissions.ITEM_WRITE, tree);
        String ownerPath = unitIn(write, d.ownerUnitId, "ownerUnitId");
        Map<String, String> audience = audienceIn(write, d.audienceUnits);
        long now = clock.millis();
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            checkCatalog(c, d);
            ItemEntity e = new ItemEntity();
            e.id = UUID.randomUUID().toString();
            e.ownerUnitId = d.ownerUnitId;
            e.ownerPath = ownerPath;
            e.status = ItemStatus.DRAFT.name();
            e.createdMs = now;
            e.createdBy = caller.displayName();
            apply(e, d, now);
            e.changeMs = now;
            em.persist(e);
            em.flush();
            Items.writeAudience(c, e.id, audience, d.roles, now);
            Items.writeTags(c, e.id, d.tags);
            journal.in(HandbookSchema.MODULE, c).audit("item.create", "item", e.id, e.ownerUnitId, "'" + e.title + "' (" + e.kind + ")");
            return Items.toItem(c, e);
        });
    }

    @Override
    public Item update(String id, ItemDraft draft) {
        Caller caller = callers.current();
        Valid d = validate(draft, true);
        Scope write = Scope.of(caller, HandbookPermissions.ITEM_WRITE, tree);
        Scope publish = Scope.of(caller, HandbookPermissions.ITEM_PUBLISH, tree);
        long now = clock.millis();
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            ItemEntity e = find(em, write, id);
            if (d.ownerUnitId != null && !d.ownerUnitId.equals(e.ownerUnitId)) {
                throw SotayException.invalid(List.of(new FieldError("ownerUnitId", "not-allowed",
                        Text.of("Không đổi được đơn vị quản lý của tài liệu.", "An item's owner unit cannot change."))));
            }
            if (e.version != d.version) {
                throw SotayException.staleVersion();
            }
            ItemStatus status = ItemStatus.valueOf(e.status);
            if (status == ItemStatus.WITHDRAWN) {
                throw new SotayException(WITHDRAWN, Text.of("Tài liệu đã thu hồi không sửa được; hãy tạo tài liệu mới.",
                        "A withdrawn item cannot be edited; create a new one."));
            }
            Map<String, String> audience = audienceIn(status == ItemStatus.DRAFT ? write : publish, d.audienceUnits);
            checkCatalog(c, d);
            boolean published = status == ItemStatus.PUBLISHED;
            if (published) {
                requirePublish(publish, Items.audiencePaths(c, e.id));
                Sql.update(c, "INSERT INTO HBK_ITEM_VERSION (ITEM_ID, EDITION, TITLE, SUMMARY, BODY, BODY_HTML, SAVED_MS, SAVED_BY) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        e.id, e.edition, e.title, e.summary, e.body, e.bodyHtml, now, caller.displayName());
                e.edition++;
                e.changeMs = now;
            }
            String before = e.title;
            apply(e, d, now);
            em.flush();
            Items.writeAudience(c, e.id, audience, d.roles, now);
            Items.writeTags(c, e.id, d.tags);
            Items.index(c, e);
            Journal.Entries log = journal.in(HandbookSchema.MODULE, c);
            if (published) {
                log.event(HandbookEvents.ITEM_UPDATED, Items.event(c, e));
            }
            log.audit("item.update", "item", e.id, e.ownerUnitId, "'" + before + "' -> '" + e.title + "'" + (published ? ", edition " + e.edition : ""));
            return Items.toItem(c, e);
        });
    }

    @Override
    public Item publish(String id, Instant at, long version) {
        Caller caller = callers.current();
        if (at != null) {
            Dates.check("at", at);
        }
        Scope write = Scope.of(caller, HandbookPermissions.ITEM_WRITE, tree);
        Scope publish = Scope.of(caller, HandbookPermissions.ITEM_PUBLISH, tree);
        long now = clock.millis();
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            ItemEntity e = find(em, write, id);
            if (e.version != version) {
                throw SotayException.staleVersion();
            }
            if (ItemStatus.PUBLISHED.name().equals(e.status)) {
                throw new SotayException(STATE, Text.of("Tài liệu đã được phát hành.", "The item is published already."));
            }
            List<String> paths = Items.audiencePaths(c, e.id);
            if (paths.isEmpty()) {
                throw SotayException.invalid(List.of(new FieldError("audience", "required",
                        Text.of("Hãy chọn đơn vị nhận tài liệu trước khi phát hành.", "Choose the audience before publishing."))));
            }
            requirePublish(publish, paths);
            if (e.mandatory == 1 && e.deadline != null && e.deadline.isBefore(LocalDate.now(clock))) {
                throw SotayException.invalid(List.of(new FieldError("deadline", "in-past",
                        Text.of("Hạn đọc đã qua; hãy sửa hạn trước khi phát hành.", "The reading deadline has passed; change it before publishing."))));
            }
            Journal.Entries log = journal.in(HandbookSchema.MODULE, c);
            if (at != null && at.toEpochMilli() > now) {
                e.status = ItemStatus.SCHEDULED.name();
                e.publishAtMs = at.toEpochMilli();
                e.updatedMs = now;
                em.flush();
                log.audit("item.schedule", "item", e.id, e.ownerUnitId, "'" + e.title + "' at " + at);
            } else {
                makePublished(c, e, now);
                em.flush();
                Items.index(c, e);
                log.event(HandbookEvents.ITEM_PUBLISHED, Items.event(c, e));
                log.audit("item.publish", "item", e.id, e.ownerUnitId, "'" + e.title + "', edition " + e.edition);
            }
            return Items.toItem(c, e);
        });
    }

    /** A scheduled or draft item becomes visible now. */
    static void makePublished(Connection c, ItemEntity e, long now) {
        e.status = ItemStatus.PUBLISHED.name();
        if (e.publishedMs == null) {
            e.publishedMs = now;
        }
        e.publishAtMs = null;
        e.withdrawnMs = null;
        e.edition = Math.max(1, e.edition);
        e.updatedMs = now;
        e.changeMs = now;
    }

    @Override
    public Item withdraw(String id, String reason, long version) {
        Caller caller = callers.current();
        String why = Validation.clean(reason);
        Validation v = new Validation();
        v.required("reason", why).text("reason", why, 500);
        v.throwIfInvalid();
        Scope write = Scope.of(caller, HandbookPermissions.ITEM_WRITE, tree);
        Scope publish = Scope.of(caller, HandbookPermissions.ITEM_PUBLISH, tree);
        long now = clock.millis();
        return jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            ItemEntity e = find(em, write, id);
            if (e.version != version) {
                throw SotayException.staleVersion();
            }
            boolean wasPublished = ItemStatus.PUBLISHED.name().equals(e.status);
            if (!wasPublished && !ItemStatus.SCHEDULED.name().equals(e.status)) {
                throw new SotayException(STATE, Text.of("Chỉ thu hồi được tài liệu đã hoặc sắp phát hành.", "Only a published or scheduled item can be withdrawn."));
            }
            requirePublish(publish, Items.audiencePaths(c, e.id));
            e.status = ItemStatus.WITHDRAWN.name();
            e.withdrawnMs = now;
            e.publishAtMs = null;
            e.updatedMs = now;
            e.changeMs = now;
            em.flush();
            Items.index(c, e);
            Journal.Entries log = journal.in(HandbookSchema.MODULE, c);
            if (wasPublished) {
                log.event(HandbookEvents.ITEM_WITHDRAWN, Items.event(c, e));
            }
            log.audit("item.withdraw", "item", e.id, e.ownerUnitId, "'" + e.title + "': " + why);
            return Items.toItem(c, e);
        });
    }

    @Override
    public List<ItemVersion> versions(String id) {
        Scope write = Scope.of(callers.current(), HandbookPermissions.ITEM_WRITE, tree);
        return jpa.txExpr(TransactionType.Required, em -> {
            ItemEntity e = find(em, write, id);
            return Sql.query(em.unwrap(Connection.class),
                    "SELECT EDITION, TITLE, SUMMARY, BODY, BODY_HTML, SAVED_MS, SAVED_BY FROM HBK_ITEM_VERSION WHERE ITEM_ID = ? ORDER BY EDITION DESC",
                    rs -> new ItemVersion(e.id, rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7)),
                    e.id);
        });
    }

    @Override
    public AttachmentInfo attach(String itemId, String fileName, InputStream content) {
        Caller caller = callers.current();
        String name = fileName(fileName);
        Scope write = Scope.of(caller, HandbookPermissions.ITEM_WRITE, tree);
        // the item first: nothing is read from a client that may not write it
        String owner = jpa.txExpr(TransactionType.Required, em -> {
            ItemEntity e = find(em, write, itemId);
            if (ItemStatus.WITHDRAWN.name().equals(e.status)) {
                throw new SotayException(WITHDRAWN, Text.of("Tài liệu đã bị thu hồi.", "The item was withdrawn."));
            }
            if (Sql.count(em.unwrap(Connection.class), "SELECT COUNT(*) FROM HBK_ATTACHMENT WHERE ITEM_ID = ?", e.id) >= MAX_ATTACHMENTS) {
                throw new SotayException(STATE, Text.of("Mỗi tài liệu có tối đa " + MAX_ATTACHMENTS + " tệp đính kèm.",
                        "An item has at most " + MAX_ATTACHMENTS + " attachments."));
            }
            return e.ownerUnitId;
        });
        byte[] head = new byte[MediaTypes.HEAD];
        int n;
        try {
            n = content.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new SotayException(ProblemType.MALFORMED_REQUEST, Text.of("Tệp tải lên bị gián đoạn.", "The upload broke off."));
        }
        MediaTypes.Found type = MediaTypes.sniff(head, n);
        if (type == null) {
            throw new SotayException(UNSUPPORTED_FILE, Text.of("Chỉ nhận tệp PDF, ảnh (PNG, JPEG, WebP) và âm thanh (MP3, M4A, OGG, WAV).",
                    "Only PDF, images (PNG, JPEG, WebP) and audio (MP3, M4A, OGG, WAV) are accepted."));
        }
        HandbookConfig c = config;
        long max = switch (type.family()) {
        case PDF -> c.pdfMaxBytes();
        case IMAGE -> c.imageMaxBytes();
        case AUDIO -> c.audioMaxBytes();
        };
        BlobInfo blob = blobs.put(HandbookSchema.MODULE, type.mediaType(), new SequenceInputStream(new ByteArrayInputStream(head, 0, n), content),
                max, null);
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                Connection conn = em.unwrap(Connection.class);
                ItemEntity e = find(em, write, itemId);
                Sql.update(conn, "INSERT INTO HBK_ATTACHMENT (ID, ITEM_ID, BLOB_ID, FILE_NAME, MEDIA_TYPE, SIZE_BYTES, SHA256, CREATED_MS) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        id, e.id, blob.id(), name, type.mediaType(), blob.size(), blob.sha256(), now);
                e.updatedMs = now;
                if (ItemStatus.PUBLISHED.name().equals(e.status)) {
                    e.changeMs = now;
                }
                em.flush();
                journal.in(HandbookSchema.MODULE, conn).audit("item.attach", "item", e.id, owner,
                        "'" + name + "' " + type.mediaType() + ", " + blob.size() + " bytes, sha256 " + blob.sha256());
                return new AttachmentInfo(id, name, type.mediaType(), blob.size(), blob.sha256(), "/api/v1/handbook/items/" + e.id + "/attachments/" + id);
            });
        } catch (RuntimeException e) {
            blobs.delete(blob.id());
            throw e;
        }
    }

    @Override
    public void detach(String itemId, String attachmentId) {
        Scope write = Scope.of(callers.current(), HandbookPermissions.ITEM_WRITE, tree);
        long now = clock.millis();
        String blob = jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            ItemEntity e = find(em, write, itemId);
            List<String[]> found = attachmentId == null || attachmentId.length() > 36 ? List.of()
                    : Sql.query(c, "SELECT BLOB_ID, FILE_NAME FROM HBK_ATTACHMENT WHERE ID = ? AND ITEM_ID = ?",
                            rs -> new String[] { rs.getString(1), rs.getString(2) }, attachmentId, e.id);
            if (found.isEmpty()) {
                throw SotayException.notFound(Text.of("Không có tệp đính kèm này.", "There is no such attachment."));
            }
            Sql.update(c, "DELETE FROM HBK_ATTACHMENT WHERE ID = ?", attachmentId);
            e.updatedMs = now;
            if (ItemStatus.PUBLISHED.name().equals(e.status)) {
                e.changeMs = now;
            }
            em.flush();
            journal.in(HandbookSchema.MODULE, c).audit("item.detach", "item", e.id, e.ownerUnitId, "'" + found.get(0)[1] + "'");
            return found.get(0)[0];
        });
        blobs.delete(blob);
    }

    // ---- rules ----

    /** A draft checked field by field, texts in their stored form. */
    record Valid(String kind, String categoryId, String title, String summary, String body, String bodyHtml, List<String> tags, String issuer,
            String documentNumber, LocalDate documentDate, String ownerUnitId, List<String> audienceUnits, List<String> roles, boolean mandatory,
            LocalDate deadline, long version) {
    }

    static String fileName(String raw) {
        String name = Validation.clean(raw);
        if (name != null) {
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        }
        Validation v = new Validation();
        v.required("name", name).text("name", name, org.sotay.handbook.api.AttachmentInfo.FILE_NAME_MAX);
        v.throwIfInvalid();
        return name;
    }

    static Valid validate(ItemDraft draft, boolean editing) {
        ItemDraft d = draft == null ? new ItemDraft(null, null, null, null, null, null, null, null, null, null, null, null, null, null) : draft;
        Validation v = new Validation();
        String kind = Validation.clean(d.kind());
        String title = Validation.clean(d.title());
        String summary = Validation.clean(d.summary());
        String rawBody = Validation.clean(d.body());
        String body = rawBody == null ? null : Markdown.clean(rawBody);
        String issuer = Validation.clean(d.issuer());
        String number = Validation.clean(d.documentNumber());
        String owner = Validation.clean(d.ownerUnitId());
        String category = Validation.clean(d.categoryId());
        v.required("kind", kind).text("kind", kind, 40);
        v.required("title", title).text("title", title, ItemDraft.TITLE_MAX);
        v.text("summary", summary, ItemDraft.SUMMARY_MAX);
        v.required("body", body).multiline("body", body, ItemDraft.BODY_MAX);
        v.text("issuer", issuer, ItemDraft.ISSUER_MAX).text("documentNumber", number, ItemDraft.NUMBER_MAX);
        v.maxLength("categoryId", category, 36);
        v.check(Dates.inRange(d.documentDate()), "documentDate", Dates.OUT_OF_RANGE, Dates.error("documentDate").message());
        v.check(Dates.inRange(d.deadline()), "deadline", Dates.OUT_OF_RANGE, Dates.error("deadline").message());
        if (editing) {
            v.required("version", d.version());
        } else {
            v.required("ownerUnitId", owner).maxLength("ownerUnitId", owner, 36);
            v.check(d.version() == null, "version", "not-allowed", Text.of("Tài liệu mới chưa có phiên bản.", "A new item has no version yet."));
        }
        List<String> tags = new ArrayList<>();
        Set<String> tagKeys = new LinkedHashSet<>();
        if (d.tags() != null) {
            v.check(d.tags().size() <= ItemDraft.TAGS_MAX, "tags", "too-many", Text.of("Tối đa " + ItemDraft.TAGS_MAX + " thẻ.", "At most " + ItemDraft.TAGS_MAX + " tags."));
            for (int i = 0; i < d.tags().size() && i < ItemDraft.TAGS_MAX; i++) {
                String t = Validation.clean(d.tags().get(i));
                String field = "tags[" + i + "]";
                v.required(field, t).text(field, t, ItemDraft.TAG_MAX);
                if (t != null && !t.isEmpty() && t.length() <= ItemDraft.TAG_MAX && Validation.plain(t, false) && tagKeys.add(Items.tagKey(t))) {
                    tags.add(t);
                }
            }
        }
        List<String> units = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        Audience a = d.audience();
        if (a != null) {
            List<String> ids = a.unitIds() == null ? List.of() : a.unitIds();
            v.check(ids.size() <= Audience.MAX_UNITS, "audience.unitIds", "too-many",
                    Text.of("Tối đa " + Audience.MAX_UNITS + " đơn vị.", "At most " + Audience.MAX_UNITS + " units."));
            for (int i = 0; i < ids.size() && i < Audience.MAX_UNITS; i++) {
                String u = Validation.clean(ids.get(i));
                String field = "audience.unitIds[" + i + "]";
                v.required(field, u).maxLength(field, u, 36);
                if (u != null && !u.isEmpty() && u.length() <= 36 && !units.contains(u)) {
                    units.add(u);
                }
            }
            if (a.roles() != null) {
                for (int i = 0; i < a.roles().size(); i++) {
                    String r = a.roles().get(i) == null ? null : a.roles().get(i).strip();
                    v.check(r != null && org.sotay.handbook.api.HandbookPermissions.AUDIENCE_ROLES.contains(r), "audience.roles[" + i + "]",
                            "not-allowed", Text.of("Vai trò phải là một trong: " + String.join(", ", HandbookPermissions.AUDIENCE_ROLES) + ".",
                                    "A role must be one of: " + String.join(", ", HandbookPermissions.AUDIENCE_ROLES) + "."));
                    if (r != null && HandbookPermissions.AUDIENCE_ROLES.contains(r) && !roles.contains(r)) {
                        roles.add(r);
                    }
                }
            }
        }
        boolean mandatory = Boolean.TRUE.equals(d.mandatory());
        v.check(!mandatory || d.deadline() != null, "deadline", "required",
                Text.of("Tài liệu bắt buộc đọc cần có hạn đọc.", "A mandatory item needs a reading deadline."));
        v.check(mandatory || d.deadline() == null, "deadline", "not-allowed",
                Text.of("Chỉ tài liệu bắt buộc đọc mới có hạn đọc.", "Only a mandatory item has a reading deadline."));
        v.throwIfInvalid();
        String html = Markdown.html(body);
        return new Valid(kind, category == null || category.isEmpty() ? null : category, title, summary == null || summary.isEmpty() ? null : summary,
                body, html, tags, empty(issuer), empty(number), d.documentDate(), owner, units, roles, mandatory, d.deadline(),
                d.version() == null ? 0 : d.version());
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The kind exists (and takes a number only if it is numbered); the category exists. */
    private static void checkCatalog(Connection c, Valid d) {
        List<Integer> numbered = Sql.query(c, "SELECT NUMBERED FROM HBK_KIND WHERE CODE = ?", rs -> rs.getInt(1), d.kind);
        Validation v = new Validation();
        v.check(!numbered.isEmpty(), "kind", "unknown", Text.of("Không có loại tài liệu này.", "There is no such kind."));
        boolean plain = !numbered.isEmpty() && numbered.get(0) == 0;
        Text noNumber = Text.of("Loại tài liệu này không có số, ngày và cơ quan ban hành.", "This kind has no document number, date or issuer.");
        v.check(!plain || d.issuer == null, "issuer", "not-allowed", noNumber);
        v.check(!plain || d.documentNumber == null, "documentNumber", "not-allowed", noNumber);
        v.check(!plain || d.documentDate == null, "documentDate", "not-allowed", noNumber);
        if (d.categoryId != null) {
            v.check(Sql.count(c, "SELECT COUNT(*) FROM HBK_CATEGORY WHERE ID = ?", d.categoryId) > 0, "categoryId", "unknown",
                    Text.of("Không có danh mục này.", "There is no such category."));
        }
        v.throwIfInvalid();
    }

    private static void apply(ItemEntity e, Valid d, long now) {
        e.kind = d.kind;
        e.categoryId = d.categoryId;
        e.title = d.title;
        e.summary = d.summary;
        e.body = d.body;
        e.bodyHtml = d.bodyHtml;
        e.tags = String.join("\n", d.tags);
        e.issuer = d.issuer;
        e.documentNumber = d.documentNumber;
        e.documentDate = d.documentDate;
        e.audienceRoles = String.join(",", d.roles);
        e.mandatory = d.mandatory ? 1 : 0;
        e.deadline = d.deadline;
        e.updatedMs = now;
    }

    /** Each audience unit with its path, every one inside {@code scope}; any other is a field error (as one that does not exist). */
    private Map<String, String> audienceIn(Scope scope, List<String> units) {
        Map<String, String> out = new LinkedHashMap<>();
        Validation v = new Validation();
        for (int i = 0; i < units.size(); i++) {
            String path = OrgTree.path(tree.lineage(units.get(i)));
            boolean ok = !path.isEmpty() && scope.covers(path);
            v.check(ok, "audience.unitIds[" + i + "]", "unknown", Text.of("Không có đơn vị này trong phạm vi của bạn.", "There is no such unit within your scope."));
            if (ok) {
                out.put(units.get(i), path);
            }
        }
        v.throwIfInvalid();
        return out;
    }

    private String unitIn(Scope scope, String unitId, String field) {
        String path = unitId.length() > 36 ? "" : OrgTree.path(tree.lineage(unitId));
        if (path.isEmpty() || !scope.covers(path)) {
            throw SotayException.notFound(Text.of("Không có đơn vị này trong phạm vi của bạn.", "There is no such unit within your scope."));
        }
        return path;
    }

    private static void requirePublish(Scope publish, List<String> audiencePaths) {
        for (String p : audiencePaths) {
            if (!publish.covers(p)) {
                throw SotayException.forbidden(Text.of("Bạn chỉ phát hành được cho các đơn vị trong phạm vi của mình.",
                        "You may publish only to units within your scope."));
            }
        }
    }

    static ItemEntity find(EntityManager em, Scope scope, String id) {
        if (id == null || id.length() > 36) {
            throw Items.notFound();
        }
        TypedQuery<ItemEntity> q = em.createQuery("SELECT i FROM ItemEntity i WHERE i.id = :id AND " + scope.jpql("i.ownerPath"), ItemEntity.class);
        scope.parameters().forEach(q::setParameter);
        List<ItemEntity> found = q.setParameter("id", id).getResultList();
        if (found.isEmpty()) {
            throw Items.notFound();
        }
        return found.get(0);
    }
}
