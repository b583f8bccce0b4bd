package org.sotay.registry.impl.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;

import javax.persistence.EntityManager;
import javax.sql.DataSource;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.Scope;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.RegistryEvents;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.Membership;
import org.sotay.registry.api.StatusChange;
import org.sotay.registry.api.StatusRecord;
import org.sotay.registry.api.RegistryPermissions;
import org.sotay.registry.api.TransferDraft;
import org.sotay.registry.api.TransferKind;

/** Members over REG_MEMBER and their home-cell history in REG_MEMBERSHIP, always within the caller's subtrees. */
@Component(service = MemberService.class, property = "sotay.replaceable=org.sotay.registry.api.MemberService")
public class MemberServiceImpl implements MemberService {
    static final ProblemType CARD_TAKEN = ProblemType.of("registry.card-taken", 409,
            Text.of("Số thẻ đảng viên đã có trong sổ", "The party card number is already registered"));

    /** Members read per short transaction while an export streams. */
    static final int EXPORT_BATCH = MemberExport.BATCH;

    private final JpaTemplate jpa;
    /** The platform's pool, for the one-statement read of {@link #get} outside any transaction. */
    private final DataSource dataSource;
    private final CallerContext callers;
    private final Journal journal;
    private final Clock clock;

    @Activate
    public MemberServiceImpl(@Reference RegistrySchema schema, @Reference(target = "(osgi.unit.name=sotay-registry)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference Clock clock,
            @Reference(target = "(osgi.jndi.service.name=sotay)") DataSource dataSource) {
        this(jpa, callers, journal, clock, dataSource);
    }

    /** Outside OSGi (tests). */
    MemberServiceImpl(JpaTemplate jpa, CallerContext callers, Journal journal, Clock clock, DataSource dataSource) {
        this.dataSource = dataSource;
        this.jpa = jpa;
        this.callers = callers;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public Page<Member> search(MemberQuery query, PageRequest page) {
        Caller caller = callers.current();
        MemberQuery q = query == null ? MemberQuery.all() : query;
        MemberSearch search = MemberSearch.of(q, page);
        return jpa.txExpr(TransactionType.Required, em -> {
            Scope scope = Units.scope(em, caller, RegistryPermissions.READ);
            UnitEntity unit = q.unitId() != null && !q.unitId().isBlank() ? Units.visible(em, caller, RegistryPermissions.READ, q.unitId()) : null;
            if (scope.nowhere()) {
                return new Page<Member>(List.of(), 0, page);
            }
            MemberSearch.Result r;
            try {
                r = search.run(em.unwrap(Connection.class), scope, unit == null ? null : unit.path);
            } catch (SQLException e) {
                throw new IllegalStateException("member search failed", e);
            }
            Map<String, MemberEntity> byId = new HashMap<>();
            if (!r.ids().isEmpty()) {
                em.createQuery("SELECT m FROM MemberEntity m WHERE m.id IN :ids", MemberEntity.class).setParameter("ids", r.ids())
                        .getResultList().forEach(m -> byId.put(m.id, m));
            }
            List<Member> items = r.ids().stream().map(byId::get).filter(Objects::nonNull).map(MemberEntity::toDto).toList();
            return new Page<>(items, r.total(), r.totalExact(), page, r.nextCursor());
        });
    }

    /**
     * One statement on a pooled connection in auto-commit, no entity manager and no transaction
     * (the costs a read of one member paid most for): the member, joined to its cell's path within
     * the caller's scope unless the caller holds a root; the scope's paths from {@link Units#scopePaths}.
     */
    @Override
    public Member get(String id) {
        Caller caller = callers.current();
        if (id == null || id.isBlank() || id.length() > 36) {
            throw Units.memberNotFound(id);
        }
        try (Connection c = dataSource.getConnection()) {
            Scope scope = Units.scopePaths(c, caller, RegistryPermissions.READ);
            Member m = scope.nowhere() ? null : MemberExport.byId(c, id, scope);
            if (m == null) {
                throw Units.memberNotFound(id);
            }
            return m;
        } catch (SQLException e) {
            throw new IllegalStateException("member read failed", e);
        }
    }

    @Override
    public Member self() {
        String id = callers.current().memberId();
        if (id == null) {
            throw SotayException.notFound(Text.of("Tài khoản này không gắn với đảng viên nào.", "This account belongs to no member."));
        }
        return jpa.txExpr(TransactionType.Required, em -> {
            MemberEntity m = em.find(MemberEntity.class, id);
            if (m == null) {
                throw Units.memberNotFound(id);
            }
            return m.toDto();
        });
    }

    @Override
    public Member create(MemberDraft draft) {
        Caller caller = callers.current();
        MemberDraft d = draft == null ? MemberDraft.EMPTY : draft;
        LocalDate today = LocalDate.now(clock);
        MemberRules.check(d, false, today).throwIfInvalid();
        Member created = jpa.txExpr(TransactionType.Required, em -> {
            UnitEntity cell = cell(em, caller, d.cellId());
            residence(em, caller, d.residenceUnitId());
            String card = MemberRules.normaliseCard(d.cardNumber());
            requireFreeCard(em, card, null);
            LocalDate from = MemberRules.firstMembershipFrom(d.dateAdmitted(), cell.validFrom);
            MemberEntity m = insert(em, d, cell.id, from, "recorded", caller, clock.millis(), today);
            Changes.in(journal, em).event(RegistryEvents.MEMBER_CREATED, m.id, cell.id)
                    .audit("member.create", "member", m.id, cell.id, "card " + m.cardNumber + ", " + m.fullName + ", cell " + cell.code);
            em.flush();
            return m.toDto();
        });
        return created;
    }

    @Override
    public Member update(String id, MemberDraft draft) {
        Caller caller = callers.current();
        MemberDraft d = draft == null ? MemberDraft.EMPTY : draft;
        MemberRules.check(d, true, LocalDate.now(clock)).throwIfInvalid();
        Member updated = jpa.txExpr(TransactionType.Required, em -> {
            MemberEntity m = Units.member(em, caller, RegistryPermissions.MEMBER_WRITE, id);
            if (m.version != d.version()) {
                throw SotayException.staleVersion();
            }
            if (!m.cellId.equals(d.cellId())) {
                throw SotayException.invalid(List.of(new FieldError("cellId", "use-transfer", Text.of(
                        "Đổi chi bộ bằng thủ tục chuyển sinh hoạt Đảng.", "Change the cell with a transfer, not an edit."))));
            }
            if (!Objects.equals(Validation.clean(d.residenceUnitId()), m.residenceUnitId)) {
                residence(em, caller, d.residenceUnitId());
            }
            String card = MemberRules.normaliseCard(d.cardNumber());
            requireFreeCard(em, card, m.id);
            String before = m.cardNumber + ", " + m.fullName;
            String sortBefore = m.sortKey;
            String keyBefore = m.nameKey;
            apply(m, d);
            renamed(em, m, keyBefore, sortBefore);
            m.updatedMs = clock.millis();
            Changes.in(journal, em).event(RegistryEvents.MEMBER_UPDATED, m.id, m.cellId)
                    .audit("member.update", "member", m.id, m.cellId, "was " + before + "; now " + m.cardNumber + ", " + m.fullName);
            em.flush();
            return m.toDto();
        });
        return updated;
    }

    @Override
    public String cellAt(String memberId, LocalDate date) {
        Caller caller = callers.current();
        LocalDate at = date == null ? LocalDate.now(clock) : date;
        return jpa.txExpr(TransactionType.Required, em -> {
            Units.member(em, caller, RegistryPermissions.READ, memberId);
            List<String> units = em.createQuery("SELECT ms.unitId FROM MembershipEntity ms WHERE ms.memberId = :m AND ms.kind = 'HOME'"
                    + " AND ms.validFrom <= :d AND (ms.validTo IS NULL OR ms.validTo > :d)", String.class)
                    .setParameter("m", memberId).setParameter("d", at).getResultList();
            return units.isEmpty() ? null : units.get(0);
        });
    }

    @Override
    public Member transfer(String memberId, TransferDraft d) {
        Caller caller = callers.current();
        TransferDraft t = d == null ? new TransferDraft(null, null, null, null, null, null) : d;
        LocalDate today = LocalDate.now(clock);
        LocalDate at = t.effective() == null ? today : t.effective();
        Validation v = new Validation();
        v.required("toCellId", Validation.clean(t.toCellId())).maxLength("toCellId", t.toCellId(), 36).required("kind", t.kind())
                .text("reason", Validation.clean(t.reason()), 500);
        MemberRules.inRange(v, "effective", at, today);
        if (t.kind() == TransferKind.TEMPORARY) {
            v.required("until", t.until());
            v.check(t.until() == null || t.until().isAfter(at), "until", "before-effective",
                    Text.of("Ngày kết thúc phải sau ngày bắt đầu.", "The end must come after the start."));
            v.check(t.until() == null || !t.until().isAfter(today.plusYears(10)), "until", "out-of-range",
                    Text.of("Chuyển tạm thời tối đa 10 năm.", "A temporary transfer lasts at most ten years."));
        } else {
            v.required("version", t.version());
        }
        v.throwIfInvalid();
        String[] units = new String[2];
        Member moved = jpa.txExpr(TransactionType.Required, em -> {
            MemberEntity m = Units.member(em, caller, RegistryPermissions.MEMBER_WRITE, memberId);
            UnitEntity to = cell(em, caller, t.toCellId(), "toCellId");
            units[0] = m.cellId;
            units[1] = to.id;
            if (to.id.equals(m.cellId)) {
                throw SotayException.invalid(List.of(new FieldError("toCellId", "same-cell",
                        Text.of("Đảng viên đã ở chi bộ này.", "The member is already in this cell."))));
            }
            long now = clock.millis();
            if (t.kind() == TransferKind.OFFICIAL) {
                if (m.version != t.version()) {
                    throw SotayException.staleVersion();
                }
                LocalDate since = em.createQuery("SELECT MAX(ms.validFrom) FROM MembershipEntity ms WHERE ms.memberId = :m AND ms.kind = 'HOME'",
                        LocalDate.class).setParameter("m", m.id).getSingleResult();
                if (since != null && !at.isAfter(since)) {
                    throw SotayException.invalid(List.of(new FieldError("effective", "before-current", Text.of(
                            "Ngày chuyển phải sau ngày vào chi bộ hiện tại (" + since + ").",
                            "The transfer must come after the member joined the current cell (" + since + ")."))));
                }
                moveHome(em, m, to.id, at, Validation.clean(t.reason()), caller, now);
            } else {
                MembershipEntity ms = new MembershipEntity();
                ms.id = UUID.randomUUID().toString();
                ms.memberId = m.id;
                ms.unitId = to.id;
                ms.kind = "TEMPORARY";
                ms.validFrom = at;
                ms.validTo = t.until();
                ms.reason = Validation.clean(t.reason());
                ms.recordedMs = now;
                ms.recordedBy = caller.subject();
                em.persist(ms);
            }
            Changes.in(journal, em).event(RegistryEvents.MEMBER_TRANSFERRED, m.id, units[0], to.id)
                    .audit("member.transfer", "member", m.id, to.id, t.kind() + " from cell " + units[0] + " to " + to.code
                            + " on " + at + (t.until() == null ? "" : " until " + t.until()));
            em.flush();
            return m.toDto();
        });
        return moved;
    }

    @Override
    public Member changeStatus(String memberId, StatusChange c) {
        Caller caller = callers.current();
        StatusChange change = c == null ? new StatusChange(null, null, null, null) : c;
        LocalDate today = LocalDate.now(clock);
        LocalDate at = change.effective() == null ? today : change.effective();
        String reason = Validation.clean(change.reason());
        Validation v = new Validation();
        v.required("status", change.status()).required("version", change.version()).text("reason", reason, 500);
        if (change.status() != null && change.status() != MemberStatus.OFFICIAL) {
            v.required("reason", reason);
        }
        MemberRules.inRange(v, "effective", at, today);
        v.throwIfInvalid();
        Member changed = jpa.txExpr(TransactionType.Required, em -> {
            MemberEntity m = Units.member(em, caller, RegistryPermissions.MEMBER_WRITE, memberId);
            if (m.version != change.version()) {
                throw SotayException.staleVersion();
            }
            if (m.status == MemberStatus.DECEASED) {
                throw SotayException.conflict(Text.of("Đảng viên đã từ trần; không thể đổi trạng thái.",
                        "The member is deceased; the status cannot change."));
            }
            Validation w = new Validation();
            w.check(change.status() != m.status, "status", "same-status",
                    Text.of("Đảng viên đã ở trạng thái này.", "The member already has this status."));
            w.check(!at.isBefore(m.statusSince), "effective", "before-current", Text.of(
                    "Ngày hiệu lực phải từ ngày của trạng thái hiện tại (" + m.statusSince + ").",
                    "The change must be on or after the current status began (" + m.statusSince + ")."));
            w.check(change.status() != MemberStatus.OFFICIAL || !at.isBefore(m.dateAdmitted), "effective", "before-admission",
                    Text.of("Không thể chính thức trước ngày vào Đảng.", "A member cannot be made official before being admitted."));
            w.throwIfInvalid();
            MemberStatusEntity record = new MemberStatusEntity();
            record.id = UUID.randomUUID().toString();
            record.memberId = m.id;
            record.from = m.status;
            record.to = change.status();
            record.effective = at;
            record.reason = reason;
            record.recordedMs = clock.millis();
            record.recordedBy = caller.subject();
            em.persist(record);
            if (change.status() == MemberStatus.OFFICIAL && m.dateOfficial == null) {
                m.dateOfficial = at;
            }
            m.status = change.status();
            m.statusSince = at;
            m.updatedMs = record.recordedMs;
            Changes.in(journal, em).event(RegistryEvents.MEMBER_STATUS_CHANGED, m.id, m.cellId)
                    .audit("member.status", "member", m.id, m.cellId, record.from + " -> " + record.to + " on " + at
                            + (reason == null ? "" : ": " + reason));
            em.flush();
            return m.toDto();
        });
        return changed;
    }

    @Override
    public List<StatusRecord> statusHistory(String memberId) {
        Caller caller = callers.current();
        return jpa.txExpr(TransactionType.Required, em -> {
            Units.member(em, caller, RegistryPermissions.READ, memberId);
            return em.createQuery("SELECT s FROM MemberStatusEntity s WHERE s.memberId = :m ORDER BY s.effective, s.recordedMs",
                    MemberStatusEntity.class).setParameter("m", memberId).getResultList().stream().map(MemberStatusEntity::toDto).toList();
        });
    }

    @Override
    public List<Membership> memberships(String memberId) {
        Caller caller = callers.current();
        return jpa.txExpr(TransactionType.Required, em -> {
            Units.member(em, caller, RegistryPermissions.READ, memberId);
            List<Object[]> rows = em.createQuery("SELECT ms, u.code, u.name FROM MembershipEntity ms, UnitEntity u"
                    + " WHERE ms.unitId = u.id AND ms.memberId = :m ORDER BY ms.validFrom, ms.kind", Object[].class)
                    .setParameter("m", memberId).getResultList();
            List<Membership> out = new ArrayList<>();
            for (Object[] r : rows) {
                MembershipEntity ms = (MembershipEntity) r[0];
                out.add(new Membership(ms.unitId, (String) r[1], (String) r[2], ms.kind, ms.validFrom, ms.validTo, ms.reason));
            }
            return out;
        });
    }

    /**
     * Streams in keyset batches of {@link MemberExport#BATCH} read with plain JDBC by an index in
     * the export's order ({@link MemberExport}), each in its own short transaction: a long download
     * holds no transaction and no pooled connection while the client reads.
     */
    @Override
    public void forEachMember(String unitId, BiConsumer<Member, String> sink) {
        forEachMember(unitId, sink, null);
    }

    /** {@link #forEachMember(String, BiConsumer)} by {@code plan} (tests; null chooses). */
    void forEachMember(String unitId, BiConsumer<Member, String> sink, MemberExport.Plan plan) {
        Caller caller = callers.current();
        MemberExport export = jpa.txExpr(TransactionType.Required, em -> {
            UnitEntity u = Units.visible(em, caller, RegistryPermissions.READ, unitId);
            try {
                return MemberExport.of(em.unwrap(Connection.class), u, plan);
            } catch (SQLException e) {
                throw new IllegalStateException("member export failed", e);
            }
        });
        String key = "";
        String id = "";
        while (true) {
            String k = key;
            String i = id;
            MemberExport.Batch batch = jpa.txExpr(TransactionType.Required, em -> {
                try {
                    return export.next(em.unwrap(Connection.class), k, i);
                } catch (SQLException e) {
                    throw new IllegalStateException("member export failed", e);
                }
            });
            // the sink (the client's download) is fed outside the transaction
            for (int j = 0; j < batch.members().size(); j++) {
                sink.accept(batch.members().get(j), batch.cellCodes().get(j));
            }
            if (batch.last()) {
                return;
            }
            key = batch.lastKey();
            id = batch.lastId();
        }
    }

    /** Moves a member's home to {@code unitId} from {@code at}: the old membership ends, a new one starts. */
    static void moveHome(EntityManager em, MemberEntity m, String unitId, LocalDate at, String reason, Caller caller, long now) {
        em.createQuery("UPDATE MembershipEntity ms SET ms.validTo = :d WHERE ms.memberId = :m AND ms.kind = 'HOME' AND ms.validTo IS NULL")
                .setParameter("d", at).setParameter("m", m.id).executeUpdate();
        m.cellId = unitId;
        m.updatedMs = now;
        membership(em, m.id, unitId, at, reason, caller, now);
        MemberWords.moved(em.unwrap(Connection.class), m.id, unitId);
    }

    private static void membership(EntityManager em, String memberId, String unitId, LocalDate from, String reason, Caller caller,
            long now) {
        MembershipEntity ms = new MembershipEntity();
        ms.id = UUID.randomUUID().toString();
        ms.memberId = memberId;
        ms.unitId = unitId;
        ms.kind = "HOME";
        ms.validFrom = from;
        ms.reason = reason;
        ms.recordedMs = now;
        ms.recordedBy = caller.subject();
        em.persist(ms);
    }

    /** Rewrites the name index of a member whose name changed ({@link #apply} done), in the write's transaction. */
    static void renamed(EntityManager em, MemberEntity m, String nameKeyBefore, String sortKeyBefore) {
        if (!Objects.equals(nameKeyBefore, m.nameKey) || !Objects.equals(sortKeyBefore, m.sortKey)) {
            MemberWords.write(em.unwrap(Connection.class), m.id, m.sortKey, m.fullName, m.cellId, true);
        }
    }

    /**
     * A new member in {@code cellId} with its first home membership from {@code from}: the one way
     * members are created (the API and the import both come here).
     */
    static MemberEntity insert(EntityManager em, MemberDraft d, String cellId, LocalDate from, String reason, Caller caller,
            long now, LocalDate today) {
        MemberEntity m = insert(em, d, cellId, from, reason, caller, now, today, null);
        MemberWords.write(em.unwrap(Connection.class), m.id, m.sortKey, m.fullName, m.cellId, false);
        return m;
    }

    /** As above, the name index rows added to {@code words} (a batch of MemberWords' insert the caller executes). */
    static MemberEntity insert(EntityManager em, MemberDraft d, String cellId, LocalDate from, String reason, Caller caller,
            long now, LocalDate today, java.sql.PreparedStatement words) {
        MemberEntity m = new MemberEntity();
        m.id = UUID.randomUUID().toString();
        apply(m, d);
        m.cellId = cellId;
        m.status = MemberRules.initialStatus(d, today);
        m.statusSince = m.status == MemberStatus.OFFICIAL ? d.dateOfficial() : d.dateAdmitted();
        m.createdMs = now;
        m.updatedMs = now;
        em.persist(m);
        membership(em, m.id, cellId, from, reason, caller, now);
        if (words != null) {
            try {
                MemberWords.add(words, m.id, m.sortKey, m.fullName, m.cellId);
            } catch (SQLException e) {
                throw new IllegalStateException("REG_MEMBER_WORD batch failed", e);
            }
        }
        return m;
    }

    /** Copies a draft's editable fields into the entity, in their stored form. */
    static void apply(MemberEntity m, MemberDraft d) {
        m.cardNumber = MemberRules.normaliseCard(d.cardNumber());
        m.fullName = Validation.clean(d.fullName());
        m.nameKey = MemberRules.nameKey(m.fullName);
        m.sortKey = MemberRules.sortKey(m.fullName);
        m.dateOfBirth = d.dateOfBirth();
        m.gender = d.gender();
        m.ethnicity = Validation.clean(d.ethnicity());
        m.dateAdmitted = d.dateAdmitted();
        m.dateOfficial = d.dateOfficial();
        m.residenceUnitId = Validation.clean(d.residenceUnitId());
        m.phone = MemberRules.normalisePhone(d.phone());
        m.email = Validation.clean(d.email());
        m.usesSmartphone = Boolean.TRUE.equals(d.usesSmartphone());
    }

    private static void requireFreeCard(EntityManager em, String card, String exceptId) {
        List<String> owners = em.createQuery("SELECT m.id FROM MemberEntity m WHERE m.cardNumber = :c", String.class)
                .setParameter("c", card).getResultList();
        if (owners.stream().anyMatch(o -> !o.equals(exceptId))) {
            throw new SotayException(CARD_TAKEN, null, List.of(new FieldError("cardNumber", "taken", Text.of(
                    "Số thẻ " + card + " đã thuộc về một đảng viên khác.", "Card " + card + " belongs to another member."))), null);
        }
    }

    private static UnitEntity cell(EntityManager em, Caller caller, String cellId) {
        return cell(em, caller, cellId, "cellId");
    }

    private static UnitEntity cell(EntityManager em, Caller caller, String cellId, String field) {
        UnitEntity cell = Units.visible(em, caller, RegistryPermissions.MEMBER_WRITE, cellId);
        UnitTypeEntity type = em.find(UnitTypeEntity.class, cell.typeCode);
        if (!cell.open() || !type.holdsMembers) {
            throw SotayException.invalid(List.of(new FieldError(field, cell.open() ? "not-a-cell" : "closed", Text.of(
                    cell.open() ? "Đơn vị này không trực tiếp quản lý đảng viên." : "Đơn vị này đã giải thể hoặc sáp nhập.",
                    cell.open() ? "This unit does not hold members directly." : "This unit is closed."))));
        }
        return cell;
    }

    /**
     * A residence affiliation names an open unit the caller can see: anything else is "unknown",
     * the same answer for a unit that does not exist and one outside the caller's scope.
     */
    private static void residence(EntityManager em, Caller caller, String unitId) {
        String id = Validation.clean(unitId);
        if (id == null || id.isEmpty()) {
            return;
        }
        try {
            UnitEntity u = Units.visible(em, caller, RegistryPermissions.READ, id);
            if (u.open()) {
                return;
            }
        } catch (SotayException notFound) {
            // answered below, as for a closed unit
        }
        throw SotayException.invalid(List.of(new FieldError("residenceUnitId", "unknown", Text.of(
                "Không có đơn vị này (đang hoạt động) trong phạm vi của bạn.", "There is no such open unit within your scope."))));
    }

}
