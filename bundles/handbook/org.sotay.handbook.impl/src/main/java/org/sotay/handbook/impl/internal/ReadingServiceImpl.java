package org.sotay.handbook.impl.internal;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.Dates;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.handbook.api.HandbookEvents;
import org.sotay.handbook.api.HandbookPermissions;
import org.sotay.handbook.api.ItemSummary;
import org.sotay.handbook.api.OnBehalfRead;
import org.sotay.handbook.api.ReadBatch;
import org.sotay.handbook.api.ReadReceipt;
import org.sotay.handbook.api.ReadResult;
import org.sotay.handbook.api.ReadingRates;
import org.sotay.handbook.api.ReadingService;
import org.sotay.handbook.api.UnitRate;
import org.sotay.handbook.api.UnreadMember;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.OrgUnitService;
import org.sotay.registry.api.UnitSummary;

/**
 * Mandatory reading: reads (the member's own, offline ones sent later, or recorded on a member's behalf), the
 * to-read list, rates per unit (counts of members from the registry's API, exempt members left out) and the
 * unread list of a cell, for its own secretary only.
 */
@Component(service = { ReadingService.class, ReadingServiceImpl.class })
public class ReadingServiceImpl implements ReadingService {
    static final ProblemType NOT_A_MEMBER = ProblemType.of("handbook.not-a-member", 409,
            Text.of("Chỉ đảng viên ghi nhận được việc đọc của mình", "Only a member records their own reading"));
    /** A client's clock may run ahead: up to this much in the future counts as now. */
    static final long SKEW_MS = 5 * 60_000L;

    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final Journal journal;
    private final Clock clock;
    private final OrgTree tree;
    private final MemberService members;
    private final OrgUnitService units;

    @Activate
    public ReadingServiceImpl(@Reference HandbookSchema schema, @Reference(target = "(osgi.unit.name=sotay-handbook)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference Clock clock, @Reference OrgTree tree,
            @Reference MemberService members, @Reference OrgUnitService units) {
        this(jpa, callers, journal, clock, tree, members, units);
    }

    ReadingServiceImpl(JpaTemplate jpa, CallerContext callers, Journal journal, Clock clock, OrgTree tree, MemberService members,
            OrgUnitService units) {
        this.jpa = jpa;
        this.callers = callers;
        this.journal = journal;
        this.clock = clock;
        this.tree = tree;
        this.members = members;
        this.units = units;
    }

    @Override
    public Page<ItemSummary> toRead(PageRequest page) {
        Reader r = Reader.of(callers.current(), members, tree);
        if (r.memberId == null) {
            return new Page<>(List.of(), 0, page);
        }
        List<ItemSummary> all = toRead(jpa, r, 0, 1000);
        return new Page<>(Items.page(all, page.offset(), page.limit()), all.size(), page);
    }

    /** The member's mandatory items not read yet, nearest deadline first. */
    static List<ItemSummary> toRead(JpaTemplate jpa, Reader r, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        params.add(r.memberId);
        String audience = r.audience("i.ID", true, params);
        params.add(r.memberId);
        params.add(offset);
        params.add(limit);
        return jpa.txExpr(TransactionType.Required, em -> Sql.query(em.unwrap(Connection.class), "SELECT " + Items.SUMMARY_COLUMNS
                + " FROM HBK_ITEM i WHERE i.STATUS = 'PUBLISHED' AND i.MANDATORY = 1 AND " + audience
                + " AND NOT EXISTS (SELECT 1 FROM HBK_READ x WHERE x.ITEM_ID = i.ID AND x.MEMBER_ID = ?)"
                + " ORDER BY i.DEADLINE, i.PUBLISHED_MS, i.ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", Items::summary, params.toArray()));
    }

    @Override
    public ReadResult read(String itemId, ReadReceipt receipt) {
        ReadReceipt rc = receipt == null ? new ReadReceipt(null, null, null) : receipt;
        String clientId = clientId(rc.clientId(), "clientId");
        Instant at = readAt(rc.readAt(), "readAt");
        Caller caller = callers.current();
        Reader r = Reader.of(caller, members, tree);
        if (r.memberId == null) {
            throw new SotayException(NOT_A_MEMBER, Text.of("Tài khoản này không phải của một đảng viên.", "This account is not a member's."));
        }
        return record(r, itemId, at, clientId, false, null, caller);
    }

    @Override
    public List<ReadResult> readAll(ReadBatch batch) {
        List<ReadReceipt> reads = batch == null || batch.reads() == null ? List.of() : batch.reads();
        Validation v = new Validation();
        v.check(!reads.isEmpty(), "reads", "required", Text.of("Trường này là bắt buộc.", "This field is required."));
        v.check(reads.size() <= ReadBatch.MAX, "reads", "too-many", Text.of("Tối đa " + ReadBatch.MAX + " lượt đọc một lần.",
                "At most " + ReadBatch.MAX + " reads at once."));
        for (int i = 0; i < reads.size() && i < ReadBatch.MAX; i++) {
            ReadReceipt rc = reads.get(i);
            String f = "reads[" + i + "]";
            v.required(f + ".itemId", rc == null ? null : rc.itemId());
            if (rc != null) {
                v.maxLength(f + ".itemId", rc.itemId(), 36).text(f + ".clientId", rc.clientId(), 64);
                v.check(Dates.inRange(rc.readAt()), f + ".readAt", Dates.OUT_OF_RANGE, Dates.error(f + ".readAt").message());
            }
        }
        v.throwIfInvalid();
        Caller caller = callers.current();
        Reader r = Reader.of(caller, members, tree);
        if (r.memberId == null) {
            throw new SotayException(NOT_A_MEMBER, Text.of("Tài khoản này không phải của một đảng viên.", "This account is not a member's."));
        }
        List<ReadResult> out = new ArrayList<>();
        for (ReadReceipt rc : reads) {
            try {
                out.add(record(r, rc.itemId(), rc.readAt(), Validation.clean(rc.clientId()), false, null, caller));
            } catch (SotayException e) {
                if (!"not-found".equals(e.type().slug())) {
                    throw e;
                }
                out.add(new ReadResult(rc.itemId(), "not-found", false, null, false, rc.clientId()));
            }
        }
        return out;
    }

    @Override
    public ReadResult readOnBehalf(String itemId, OnBehalfRead read) {
        OnBehalfRead rd = read == null ? new OnBehalfRead(null, null, null, null) : read;
        Validation v = new Validation();
        String memberId = Validation.clean(rd.memberId());
        String note = Validation.clean(rd.note());
        v.required("memberId", memberId).maxLength("memberId", memberId, 36);
        v.text("note", note, OnBehalfRead.NOTE_MAX);
        v.text("clientId", rd.clientId(), 64);
        v.check(Dates.inRange(rd.readAt()), "readAt", Dates.OUT_OF_RANGE, Dates.error("readAt").message());
        v.throwIfInvalid();
        Caller caller = callers.current();
        Scope record = Scope.of(caller, HandbookPermissions.READING_RECORD, tree);
        Member m;
        try {
            m = members.get(memberId); // the registry's own scope: the caller must see the member
        } catch (SotayException e) {
            throw unknownMember(e);
        }
        Reader member = Reader.member(m, tree);
        if (!record.covers(member.cellPath) || !m.status().active()) {
            throw unknownMember(null);
        }
        return record(member, itemId, rd.readAt(), Validation.clean(rd.clientId()), true, note == null || note.isEmpty() ? null : note, caller);
    }

    private static SotayException unknownMember(SotayException cause) {
        if (cause != null && !"not-found".equals(cause.type().slug())) {
            return cause;
        }
        return SotayException.invalid(List.of(new FieldError("memberId", "unknown",
                Text.of("Không có đảng viên này trong phạm vi của bạn.", "There is no such member within your scope."))));
    }

    /** Records the first read of {@code r} on the item; a second one changes nothing. */
    private ReadResult record(Reader r, String itemId, Instant clientAt, String clientId, boolean onBehalf, String note, Caller caller) {
        long now = clock.millis();
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                Connection c = em.unwrap(Connection.class);
                ItemSummary item = LibraryServiceImpl.visible(c, r, itemId);
                List<Object[]> existing = Sql.query(c, "SELECT READ_MS, ON_BEHALF, CLIENT_ID FROM HBK_READ WHERE ITEM_ID = ? AND MEMBER_ID = ?",
                        rs -> new Object[] { rs.getLong(1), rs.getInt(2) == 1, rs.getString(3) }, item.id(), r.memberId);
                if (!existing.isEmpty()) {
                    Object[] e = existing.get(0);
                    return new ReadResult(item.id(), "duplicate", false, Instant.ofEpochMilli((Long) e[0]), (Boolean) e[1], (String) e[2]);
                }
                long published = item.publishedAt().toEpochMilli();
                long at = clientAt == null ? now : Math.max(published, Math.min(now, clientAt.toEpochMilli()));
                Sql.update(c, "INSERT INTO HBK_READ (ITEM_ID, MEMBER_ID, CELL_ID, CELL_PATH, EXEMPT, READ_MS, RECORDED_MS, ON_BEHALF, RECORDED_BY, NOTE, CLIENT_ID)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", item.id(), r.memberId, r.cellId, r.cellPath, r.status == MemberStatus.EXEMPT ? 1 : 0, at,
                        now, onBehalf ? 1 : 0, caller.displayName(), note, clientId);
                Journal.Entries log = journal.in(HandbookSchema.MODULE, c);
                if (item.mandatory()) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put(HandbookEvents.ID, item.id());
                    p.put(HandbookEvents.UNITS, new String[] { r.cellId });
                    p.put(HandbookEvents.MEMBER, r.memberId);
                    p.put(HandbookEvents.ON_BEHALF, onBehalf);
                    p.put(HandbookEvents.READ_AT, at);
                    p.put(HandbookEvents.KIND, item.kind());
                    log.event(HandbookEvents.ITEM_READ, p);
                }
                log.audit(onBehalf ? "item.read-on-behalf" : "item.read", "item", item.id(), r.cellId,
                        (onBehalf ? "member " + r.memberId + (note == null ? "" : ": " + note) : "by the member") + ", at " + Instant.ofEpochMilli(at));
                return new ReadResult(item.id(), "recorded", true, Instant.ofEpochMilli(at), onBehalf, clientId);
            });
        } catch (RuntimeException e) {
            if (!Sql.duplicate(e)) {
                throw e;
            }
            // two devices sent the same read at once: the other one stands
            return jpa.txExpr(TransactionType.Required, em -> {
                Object[] row = Sql.query(em.unwrap(Connection.class), "SELECT READ_MS, ON_BEHALF, CLIENT_ID FROM HBK_READ WHERE ITEM_ID = ? AND MEMBER_ID = ?",
                        rs -> new Object[] { rs.getLong(1), rs.getInt(2) == 1, rs.getString(3) }, itemId, r.memberId).get(0);
                return new ReadResult(itemId, "duplicate", false, Instant.ofEpochMilli((Long) row[0]), (Boolean) row[1], (String) row[2]);
            });
        }
    }

    private static String clientId(String raw, String field) {
        String id = Validation.clean(raw);
        new Validation().text(field, id, 64).throwIfInvalid();
        return id == null || id.isEmpty() ? null : id;
    }

    private static Instant readAt(Instant at, String field) {
        return at == null ? null : Dates.check(field, at);
    }

    // ---- rates ----

    @Override
    public ReadingRates rates(String itemId, String unitId) {
        Caller caller = callers.current();
        Scope report = Scope.of(caller, HandbookPermissions.READING_REPORT, tree);
        String unit = unitId == null || unitId.isBlank() ? first(caller.unitsFor(HandbookPermissions.READING_REPORT)) : unitId.strip();
        String unitPath = unit == null || unit.length() > 36 ? "" : OrgTree.path(tree.lineage(unit));
        if (unitPath.isEmpty() || !report.covers(unitPath)) {
            throw SotayException.notFound(Text.of("Không có đơn vị này trong phạm vi của bạn.", "There is no such unit within your scope."));
        }
        // the item: addressed within (or above) the unit, published or withdrawn once published
        Object[] item = jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            List<Object[]> found = itemId == null || itemId.length() > 36 ? List.of()
                    : Sql.query(c, "SELECT i.ID, i.DEADLINE, i.AUDIENCE_ROLES FROM HBK_ITEM i WHERE i.ID = ? AND i.PUBLISHED_MS IS NOT NULL AND i.MANDATORY = 1",
                            rs -> new Object[] { rs.getString(1), Sql.date(rs, "DEADLINE"), rs.getString(3) }, itemId);
            if (found.isEmpty()) {
                throw Items.notFound();
            }
            List<String> paths = Items.audiencePaths(c, itemId);
            boolean reaches = paths.stream().anyMatch(p -> unitPath.startsWith(p) || p.startsWith(unitPath));
            if (!reaches) {
                throw Items.notFound();
            }
            return new Object[] { found.get(0)[0], found.get(0)[1], found.get(0)[2], paths };
        });
        @SuppressWarnings("unchecked")
        List<String> audience = (List<String>) item[3];
        boolean roleLimited = !((String) item[2]).isEmpty();
        OrgUnit self = units.get(unit);
        UnitRate top = rate(itemId, self, unitPath, audience, roleLimited);
        List<UnitRate> children = new ArrayList<>();
        for (UnitSummary child : units.childSummaries(unit)) {
            children.add(rate(itemId, child.unit(), unitPath + child.unit().id() + "/", audience, roleLimited));
        }
        return new ReadingRates(itemId, (LocalDate) item[1], top, children);
    }

    /** The reads of the subtree at {@code path} and the members expected to read: those under an audience unit, active, not exempt. */
    private UnitRate rate(String itemId, OrgUnit unit, String path, List<String> audience, boolean roleLimited) {
        long[] reads = jpa.txExpr(TransactionType.Required, em -> Sql.query(em.unwrap(Connection.class),
                "SELECT COUNT(*), COALESCE(SUM(ON_BEHALF), 0) FROM HBK_READ WHERE ITEM_ID = ? AND EXEMPT = 0 AND CELL_PATH LIKE ?",
                rs -> new long[] { rs.getLong(1), rs.getLong(2) }, itemId, Scope.likePrefix(path)).get(0));
        Long expected = null;
        Integer percent = null;
        if (!roleLimited) {
            long e = 0;
            if (audience.stream().anyMatch(path::startsWith)) {
                e = expectedIn(unit.id());
            } else {
                for (String a : audience) {
                    if (a.startsWith(path) && audience.stream().noneMatch(o -> !o.equals(a) && a.startsWith(o))) {
                        String[] ids = a.split("/");
                        e += expectedIn(ids[ids.length - 1]);
                    }
                }
            }
            expected = e;
            percent = e == 0 ? null : (int) Math.min(Integer.MAX_VALUE, reads[0] * 100 / e);
        }
        return new UnitRate(unit.id(), unit.name(), expected, reads[0], reads[0] - reads[1], reads[1], percent);
    }

    /** Active members of a subtree who are not exempt, from the registry's API (as the caller). */
    private long expectedIn(String unitId) {
        UnitSummary s = units.summary(unitId);
        long exempt = members.search(new MemberQuery(null, unitId, MemberStatus.EXEMPT, null, null, null), PageRequest.first(1)).getTotal();
        return Math.max(0, s.activeMembers() - exempt);
    }

    private static String first(Set<String> units) {
        return units.isEmpty() ? null : units.stream().sorted().findFirst().get();
    }

    @Override
    public List<UnreadMember> unread(String itemId, String cellId) {
        Caller caller = callers.current();
        String cell = cellId == null ? null : cellId.strip();
        // names only at the member's own cell: the permission must be held there, not above
        if (cell == null || cell.isEmpty() || !caller.unitsFor(HandbookPermissions.READING_NAMES).contains(cell)) {
            throw SotayException.notFound(Text.of("Không có chi bộ này trong phạm vi của bạn.", "There is no such cell within your scope."));
        }
        List<String> lineage = tree.lineage(cell);
        Set<String> read = jpa.txExpr(TransactionType.Required, em -> {
            Connection c = em.unwrap(Connection.class);
            List<Object> params = new ArrayList<>();
            params.add(itemId == null || itemId.length() > 36 ? "" : itemId);
            params.addAll(lineage);
            long addressed = Sql.count(c, "SELECT COUNT(*) FROM HBK_ITEM i WHERE i.ID = ? AND i.PUBLISHED_MS IS NOT NULL AND i.MANDATORY = 1 AND EXISTS"
                    + " (SELECT 1 FROM HBK_AUDIENCE a WHERE a.ITEM_ID = i.ID AND a.ACTIVE = 1 AND a.UNIT_ID IN (" + Sql.marks(lineage.size()) + "))",
                    params.toArray());
            if (addressed == 0) {
                throw Items.notFound();
            }
            return new HashSet<>(Sql.query(c, "SELECT MEMBER_ID FROM HBK_READ WHERE ITEM_ID = ? AND CELL_ID = ?", rs -> rs.getString(1), itemId, cell));
        });
        List<UnreadMember> out = new ArrayList<>();
        int offset = 0;
        while (true) {
            Page<Member> page = members.search(new MemberQuery(null, cell, null, null, null, null), PageRequest.of(offset, 200));
            for (Member m : page.getItems()) {
                if (m.status().active() && m.status() != MemberStatus.EXEMPT && !read.contains(m.id())) {
                    out.add(new UnreadMember(m.id(), m.fullName(), m.usesSmartphone(), m.appInstalled()));
                }
            }
            if (page.getNextOffset() == null) {
                break;
            }
            offset = page.getNextOffset();
        }
        return out;
    }
}
