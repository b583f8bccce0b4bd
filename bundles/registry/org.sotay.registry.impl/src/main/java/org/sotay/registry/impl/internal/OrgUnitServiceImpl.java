package org.sotay.registry.impl.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.registry.api.Connectivity;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.OrgUnitService;
import org.sotay.registry.api.RegistryEvents;
import org.sotay.registry.api.RegistryPermissions;
import org.sotay.registry.api.UnitDraft;
import org.sotay.registry.api.UnitSummary;
import org.sotay.registry.api.UnitType;

/** The organization tree over REG_UNIT (current state) and REG_UNIT_HISTORY (every state, dated). */
@Component(service = OrgUnitService.class, property = "sotay.replaceable=org.sotay.registry.api.OrgUnitService")
public class OrgUnitServiceImpl implements OrgUnitService {
    static final ProblemType RESTRUCTURE = ProblemType.of("registry.restructure", 409,
            Text.of("Không thể thay đổi cơ cấu như vậy", "That restructuring is not possible"));

    /** Column width of a unit's sort key (REG_UNIT.NAME_KEY). */
    static final int NAME_KEY_MAX = 1000;

    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final Journal journal;
    private final Clock clock;
    private final Runnable treeChanged;

    @Activate
    public OrgUnitServiceImpl(@Reference RegistrySchema schema, @Reference(target = "(osgi.unit.name=sotay-registry)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference Clock clock, @Reference RegistryTree tree) {
        this(jpa, callers, journal, clock, tree::forget);
    }

    /** Outside OSGi (tests); {@code treeChanged} runs after each restructuring (this node's lineage cache). */
    OrgUnitServiceImpl(JpaTemplate jpa, CallerContext callers, Journal journal, Clock clock, Runnable treeChanged) {
        this.jpa = jpa;
        this.callers = callers;
        this.journal = journal;
        this.clock = clock;
        this.treeChanged = () -> {
            Units.forgetPaths(); // the scopes' paths too (RegistryTree.forget drops them as well)
            treeChanged.run();
        };
    }

    static String unitKey(String name) {
        return MemberRules.cut(VietnameseText.sortKey(name), NAME_KEY_MAX);
    }

    @Override
    public List<UnitType> types() {
        return jpa.txExpr(TransactionType.Required, em -> em
                .createQuery("SELECT t FROM UnitTypeEntity t ORDER BY t.rank, t.code", UnitTypeEntity.class).getResultList()
                .stream().map(UnitTypeEntity::toDto).toList());
    }

    @Override
    public List<OrgUnit> roots() {
        Caller caller = callers.current();
        return jpa.txExpr(TransactionType.Required, em -> {
            List<String> ids = new ArrayList<>(caller.unitsFor(RegistryPermissions.READ));
            if (ids.isEmpty()) {
                return List.<OrgUnit>of();
            }
            List<UnitEntity> units = em.createQuery("SELECT u FROM UnitEntity u WHERE u.id IN :ids", UnitEntity.class)
                    .setParameter("ids", ids).getResultList();
            // a grant inside another grant's subtree is not a root of its own
            return units.stream().filter(u -> units.stream().noneMatch(o -> o != u && u.path.startsWith(o.path)))
                    .sorted(Comparator.comparing((UnitEntity u) -> VietnameseText.sortKey(u.name))).map(UnitEntity::toDto).toList();
        });
    }

    @Override
    public OrgUnit get(String id) {
        Caller caller = callers.current();
        return jpa.txExpr(TransactionType.Required, em -> visible(em, caller, RegistryPermissions.READ, id).toDto());
    }

    @Override
    public UnitSummary summary(String id) {
        Caller caller = callers.current();
        return jpa.txExpr(TransactionType.Required, em -> summarise(em, visible(em, caller, RegistryPermissions.READ, id)));
    }

    @Override
    public Page<OrgUnit> children(String id, PageRequest page) {
        Caller caller = callers.current();
        return jpa.txExpr(TransactionType.Required, em -> {
            UnitEntity parent = visible(em, caller, RegistryPermissions.READ, id);
            long total = em.createQuery("SELECT COUNT(u) FROM UnitEntity u WHERE u.parentId = :p AND u.validTo IS NULL", Long.class)
                    .setParameter("p", parent.id).getSingleResult();
            List<OrgUnit> items = em.createQuery(
                    "SELECT u FROM UnitEntity u WHERE u.parentId = :p AND u.validTo IS NULL ORDER BY u.nameKey, u.id", UnitEntity.class)
                    .setParameter("p", parent.id).setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList()
                    .stream().map(UnitEntity::toDto).toList();
            return new Page<>(items, total, page);
        });
    }

    @Override
    public List<UnitSummary> childSummaries(String id) {
        Caller caller = callers.current();
        return jpa.txExpr(TransactionType.Required, em -> {
            UnitEntity parent = visible(em, caller, RegistryPermissions.READ, id);
            List<UnitSummary> out = new ArrayList<>();
            for (UnitEntity child : em.createQuery(
                    "SELECT u FROM UnitEntity u WHERE u.parentId = :p AND u.validTo IS NULL ORDER BY u.nameKey, u.id", UnitEntity.class)
                    .setParameter("p", parent.id).getResultList()) {
                out.add(summarise(em, child));
            }
            return out;
        });
    }

    /** Counts over the whole subtree in one indexed query: the cell's path starts with the unit's. */
    static UnitSummary summarise(EntityManager em, UnitEntity unit) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT COUNT(*),"
                + " SUM(CASE WHEN m.STATUS IN ('PROBATIONARY', 'OFFICIAL', 'EXEMPT') THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN m.STATUS IN ('PROBATIONARY', 'OFFICIAL', 'EXEMPT') AND m.USES_SMARTPHONE = TRUE THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN m.STATUS IN ('PROBATIONARY', 'OFFICIAL', 'EXEMPT') AND m.APP_INSTALLED = TRUE THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN m.STATUS IN ('PROBATIONARY', 'OFFICIAL', 'EXEMPT') AND m.ACCOUNT_REGISTERED = TRUE THEN 1 ELSE 0 END)"
                + " FROM REG_MEMBER m JOIN REG_UNIT u ON m.CELL_ID = u.ID WHERE u.PATH LIKE ?")
                .setParameter(1, unit.path + "%").getSingleResult();
        long children = em.createQuery("SELECT COUNT(u) FROM UnitEntity u WHERE u.parentId = :p AND u.validTo IS NULL", Long.class)
                .setParameter("p", unit.id).getSingleResult();
        return new UnitSummary(unit.toDto(), (int) children, n(row[0]), n(row[1]), n(row[2]), n(row[3]), n(row[4]));
    }

    private static long n(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    @Override
    public List<OrgUnit> treeAt(String id, LocalDate date) {
        Caller caller = callers.current();
        LocalDate at = date == null ? LocalDate.now(clock) : date;
        Validation dv = new Validation();
        MemberRules.inRange(dv, "at", at, LocalDate.now(clock).plusYears(1));
        dv.throwIfInvalid();
        return jpa.txExpr(TransactionType.Required, em -> {
            visible(em, caller, RegistryPermissions.READ, id);
            List<UnitHistoryEntity> root = em.createQuery("SELECT h FROM UnitHistoryEntity h WHERE h.unitId = :id"
                    + " AND h.validFrom <= :d AND (h.validTo IS NULL OR h.validTo > :d)", UnitHistoryEntity.class)
                    .setParameter("id", id).setParameter("d", at).getResultList();
            if (root.isEmpty()) {
                throw SotayException.notFound(Text.of("Đơn vị " + id + " không tồn tại vào ngày " + at + ".",
                        "Unit " + id + " did not exist on " + at + "."));
            }
            // the rows and their units in one query: a look-up of codes per batch of ids made EclipseLink
            // flush-check every history row it had loaded, which at national size took longer than the read
            Map<String, UnitEntity> codes = new HashMap<>();
            List<UnitHistoryEntity> rows = new ArrayList<>();
            for (Object[] r : em.createQuery("SELECT h, u FROM UnitHistoryEntity h, UnitEntity u WHERE u.id = h.unitId AND h.path LIKE :p"
                    + " AND h.validFrom <= :d AND (h.validTo IS NULL OR h.validTo > :d)", Object[].class)
                    .setParameter("p", root.get(0).path + "%").setParameter("d", at).getResultList()) {
                UnitHistoryEntity h = (UnitHistoryEntity) r[0];
                rows.add(h);
                codes.put(h.unitId, (UnitEntity) r[1]);
            }
            // depth first, siblings in Vietnamese order
            Map<String, List<UnitHistoryEntity>> byParent = new HashMap<>();
            rows.forEach(h -> byParent.computeIfAbsent(h.parentId, k -> new ArrayList<>()).add(h));
            byParent.values().forEach(l -> l.sort(Comparator.comparing((UnitHistoryEntity h) -> VietnameseText.sortKey(h.name))));
            List<OrgUnit> out = new ArrayList<>();
            walk(root.get(0), byParent, codes, out);
            return out;
        });
    }

    private static void walk(UnitHistoryEntity h, Map<String, List<UnitHistoryEntity>> byParent, Map<String, UnitEntity> codes,
            List<OrgUnit> out) {
        out.add(h.toDto(codes.get(h.unitId)));
        for (UnitHistoryEntity child : byParent.getOrDefault(h.unitId, List.of())) {
            walk(child, byParent, codes, out);
        }
    }

    @Override
    public OrgUnit create(UnitDraft d) {
        Caller caller = callers.current();
        UnitDraft draft = d == null ? new UnitDraft(null, null, null, null, null, null, null) : d;
        LocalDate today = LocalDate.now(clock);
        OrgUnit created = jpa.txExpr(TransactionType.Required, em -> {
            UnitEntity u = insert(em, caller, draft, today, clock.millis(), "");
            Changes.in(journal, em).event(RegistryEvents.UNIT_CREATED, u.id, u.id)
                    .audit("unit.create", "unit", u.id, u.id, u.code + " " + u.name + " (" + u.typeCode + ") from " + u.validFrom);
            return u.toDto();
        });
        return created;
    }

    /** Validates and inserts a unit with its first history row; used by create and split (its fields under {@code prefix}). */
    private static UnitEntity insert(EntityManager em, Caller caller, UnitDraft d, LocalDate today, long now, String prefix) {
        Validation v = new Validation();
        String code = Validation.clean(d.code());
        String name = Validation.clean(d.name());
        v.required(prefix + "code", code).maxLength(prefix + "code", code, 40);
        if (code != null && !code.isEmpty()) {
            v.check(code.matches("[A-Za-z0-9._-]+"), prefix + "code", "format",
                    Text.of("Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, gạch.", "A unit code has only ASCII letters, digits, '.', '_' and '-'."));
        }
        v.required(prefix + "name", name).text(prefix + "name", name, 300);
        v.required(prefix + "typeCode", d.typeCode()).maxLength(prefix + "typeCode", d.typeCode(), 40);
        v.text(prefix + "venue", Validation.clean(d.venue()), 300);
        v.maxLength(prefix + "parentId", d.parentId(), 36);
        if (d.validFrom() != null) {
            MemberRules.inRange(v, prefix + "validFrom", d.validFrom(), today);
        }
        v.throwIfInvalid();
        UnitTypeEntity type = em.find(UnitTypeEntity.class, d.typeCode());
        if (type == null) {
            throw SotayException.invalid(List.of(new org.sotay.core.api.FieldError(prefix + "typeCode", "unknown",
                    Text.of("Không có loại đơn vị này.", "There is no such unit type."))));
        }
        if (!em.createQuery("SELECT u.id FROM UnitEntity u WHERE u.code = :c", String.class).setParameter("c", code)
                .getResultList().isEmpty()) {
            throw new SotayException(ProblemType.of("registry.code-taken", 409, Text.of("Mã đơn vị đã được dùng", "Unit code taken")),
                    null, List.of(new org.sotay.core.api.FieldError(prefix + "code", "taken",
                            Text.of("Mã " + code + " đã có đơn vị khác dùng.", "Another unit already has code " + code + "."))), null);
        }
        LocalDate from = d.validFrom() == null ? today : d.validFrom();
        UnitEntity u = new UnitEntity();
        u.id = UUID.randomUUID().toString();
        if (d.parentId() == null) {
            long existing = em.createQuery("SELECT COUNT(u) FROM UnitEntity u", Long.class).getSingleResult();
            if (existing > 0 || !caller.has(RegistryPermissions.UNIT_WRITE)) {
                throw SotayException.invalid(List.of(new org.sotay.core.api.FieldError("parentId", "required",
                        Text.of("Đơn vị phải thuộc một đơn vị cấp trên.", "A unit needs a parent unit."))));
            }
            u.path = "/" + u.id + "/";
            u.depth = 0;
        } else {
            UnitEntity parent = visible(em, caller, RegistryPermissions.UNIT_WRITE, d.parentId());
            requireOpen(parent, from);
            u.parentId = parent.id;
            u.path = parent.path + u.id + "/";
            u.depth = parent.depth + 1;
        }
        u.code = code;
        u.name = name;
        u.nameKey = unitKey(name);
        u.typeCode = type.code;
        u.validFrom = from;
        u.venue = Validation.clean(d.venue());
        u.connectivity = d.connectivity() == null ? Connectivity.UNKNOWN : d.connectivity();
        em.persist(u);
        history(em, u, from, "CREATED", null, caller, now);
        em.flush();
        return u;
    }

    @Override
    public OrgUnit rename(String id, String newName, LocalDate effective, long version) {
        Caller caller = callers.current();
        String name = Validation.clean(newName);
        LocalDate today = LocalDate.now(clock);
        LocalDate at = effective == null ? today : effective;
        Validation v = new Validation().required("name", name).text("name", name, 300);
        MemberRules.inRange(v, "effective", at, today);
        v.throwIfInvalid();
        long now = clock.millis();
        OrgUnit renamed = jpa.txExpr(TransactionType.Required, em -> {
            UnitEntity u = visible(em, caller, RegistryPermissions.UNIT_WRITE, id);
            checkVersion(u, version);
            requireOpen(u, at);
            Changes.in(journal, em).event(RegistryEvents.UNIT_RESTRUCTURED, u.id, u.id)
                    .audit("unit.rename", "unit", u.id, u.id, "'" + u.name + "' -> '" + name + "' on " + at);
            u.name = name;
            u.nameKey = unitKey(name);
            reopenHistory(em, List.of(u), at, "RENAMED", null, caller, now);
            em.flush();
            return u.toDto();
        });
        treeChanged.run(); // this node answers from the new tree at once; other nodes within the cache time
        return renamed;
    }

    @Override
    public OrgUnit move(String id, String newParentId, LocalDate effective, long version) {
        Caller caller = callers.current();
        LocalDate today = LocalDate.now(clock);
        LocalDate at = effective == null ? today : effective;
        Validation v = new Validation();
        MemberRules.inRange(v, "effective", at, today);
        v.throwIfInvalid();
        long now = clock.millis();
        OrgUnit moved = jpa.txExpr(TransactionType.Required, em -> {
            UnitEntity u = visible(em, caller, RegistryPermissions.UNIT_WRITE, id);
            checkVersion(u, version);
            UnitEntity parent = visible(em, caller, RegistryPermissions.UNIT_WRITE, newParentId);
            String from = u.parentId;
            moveSubtree(em, u, parent, at, "MOVED", null, caller, now);
            em.flush();
            Changes.in(journal, em).event(RegistryEvents.UNIT_RESTRUCTURED, u.id, u.id, parent.id)
                    .audit("unit.move", "unit", u.id, u.id, u.code + " from parent " + from + " to " + parent.code + " on " + at);
            return em.find(UnitEntity.class, id).toDto();
        });
        treeChanged.run(); // this node answers from the new tree at once; other nodes within the cache time
        return moved;
    }

    @Override
    public OrgUnit merge(String sourceId, String targetId, LocalDate effective, String reason) {
        Caller caller = callers.current();
        LocalDate today = LocalDate.now(clock);
        LocalDate at = effective == null ? today : effective;
        String why = Validation.clean(reason);
        Validation v = new Validation().text("reason", why, 500);
        MemberRules.inRange(v, "effective", at, today);
        v.throwIfInvalid();
        long now = clock.millis();
        OrgUnit target = jpa.txExpr(TransactionType.Required, em -> {
            UnitEntity source = visible(em, caller, RegistryPermissions.UNIT_WRITE, sourceId);
            UnitEntity into = visible(em, caller, RegistryPermissions.UNIT_WRITE, targetId);
            em.lock(source, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            if (source.id.equals(into.id) || into.path.startsWith(source.path)) {
                throw new SotayException(RESTRUCTURE, Text.of("Không thể sáp nhập một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.",
                        "A unit cannot be merged into itself or into one of its own sub-units."));
            }
            requireOpen(source, at);
            requireOpen(into, at);
            for (UnitEntity child : em.createQuery("SELECT u FROM UnitEntity u WHERE u.parentId = :p AND u.validTo IS NULL",
                    UnitEntity.class).setParameter("p", source.id).getResultList()) {
                moveSubtree(em, child, into, at, "MOVED", "merge of " + source.code + " into " + into.code, caller, now);
            }
            List<MemberEntity> members = em.createQuery("SELECT m FROM MemberEntity m WHERE m.cellId = :c", MemberEntity.class)
                    .setParameter("c", source.id).getResultList();
            if (!members.isEmpty()) {
                UnitTypeEntity type = em.find(UnitTypeEntity.class, into.typeCode);
                if (!type.holdsMembers) {
                    throw new SotayException(RESTRUCTURE, Text.of("Đơn vị nhận không thể có đảng viên trực tiếp.",
                            "The receiving unit cannot hold members directly."));
                }
            }
            for (MemberEntity m : members) {
                MemberServiceImpl.moveHome(em, m, into.id, at, "merge of " + source.code + " into " + into.code, caller, now);
            }
            source.validTo = at;
            reopenHistory(em, List.of(source), at, "MERGED", why == null ? "merged into " + into.code : why, caller, now);
            // the source is closed: its last interval ends at the merge, and nothing opens after it
            em.createQuery("UPDATE UnitHistoryEntity h SET h.validTo = :d WHERE h.unitId = :id AND h.validTo IS NULL")
                    .setParameter("d", at).setParameter("id", source.id).executeUpdate();
            Changes.in(journal, em).event(RegistryEvents.UNIT_RESTRUCTURED, source.id, source.id, into.id)
                    .audit("unit.merge", "unit", source.id, into.id, source.code + " merged into " + into.code + " on " + at + ": "
                            + members.size() + " members moved" + (why == null ? "" : "; " + why));
            em.flush();
            return into.toDto();
        });
        treeChanged.run(); // this node answers from the new tree at once; other nodes within the cache time
        return target;
    }

    @Override
    public OrgUnit split(String sourceId, UnitDraft newUnit, List<String> memberIds, List<String> subUnitIds, LocalDate effective,
            String reason) {
        Caller caller = callers.current();
        LocalDate today = LocalDate.now(clock);
        LocalDate at = effective == null ? today : effective;
        List<String> members = memberIds == null ? List.of() : memberIds;
        List<String> units = subUnitIds == null ? List.of() : subUnitIds;
        String why = Validation.clean(reason);
        Validation v = new Validation().required("newUnit", newUnit).text("reason", why, 500)
                .check(!members.isEmpty() || !units.isEmpty(), "memberIds", "empty",
                        Text.of("Hãy chọn đảng viên hoặc đơn vị chuyển sang đơn vị mới.", "Choose the members or sub-units that move to the new unit."))
                .check(members.size() <= 10_000, "memberIds", "too-many", Text.of("Tối đa 10.000 đảng viên.", "At most 10,000 members."))
                .check(units.size() <= 1_000, "subUnitIds", "too-many", Text.of("Tối đa 1.000 đơn vị.", "At most 1,000 units."));
        if (newUnit != null) {
            // the new unit sits beside the source from the effective date: a parent or a start of its own would be ignored, so it is refused
            v.check(newUnit.parentId() == null, "newUnit.parentId", "not-allowed", Text.of(
                    "Đơn vị mới luôn cùng cấp trên với đơn vị được tách; bỏ trường này.",
                    "The new unit always has the split unit's parent; leave this field out."));
            v.check(newUnit.validFrom() == null, "newUnit.validFrom", "not-allowed", Text.of(
                    "Ngày thành lập của đơn vị mới là ngày hiệu lực (effective); bỏ trường này.",
                    "The new unit starts on the split's effective date; leave this field out."));
        }
        MemberRules.inRange(v, "effective", at, today);
        v.throwIfInvalid();
        long now = clock.millis();
        String[] ids = new String[2];
        OrgUnit created = jpa.txExpr(TransactionType.Required, em -> {
            UnitEntity source = visible(em, caller, RegistryPermissions.UNIT_WRITE, sourceId);
            requireOpen(source, at);
            if (source.parentId == null) {
                throw new SotayException(RESTRUCTURE, Text.of("Không thể tách đơn vị gốc.", "The root unit cannot be split."));
            }
            em.lock(source, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            UnitDraft d = new UnitDraft(newUnit.code(), newUnit.name(), newUnit.typeCode() == null ? source.typeCode : newUnit.typeCode(),
                    source.parentId, at, newUnit.venue(), newUnit.connectivity());
            UnitEntity target = insert(em, caller, d, today, now, "newUnit.");
            String why2 = why == null ? "split of " + source.code + " into " + target.code : why;
            if (!members.isEmpty()) {
                UnitTypeEntity type = em.find(UnitTypeEntity.class, target.typeCode);
                if (!type.holdsMembers) {
                    throw new SotayException(RESTRUCTURE, Text.of("Đơn vị mới không trực tiếp quản lý đảng viên.",
                            "The new unit cannot hold members directly."));
                }
            }
            for (String memberId : members) {
                MemberEntity m = em.find(MemberEntity.class, memberId);
                if (m == null || !m.cellId.equals(source.id)) {
                    throw SotayException.invalid(List.of(new org.sotay.core.api.FieldError("memberIds", "not-in-unit",
                            Text.of("Đảng viên " + memberId + " không thuộc đơn vị " + source.code + ".",
                                    "Member " + memberId + " is not in unit " + source.code + "."))));
                }
                MemberServiceImpl.moveHome(em, m, target.id, at, why2, caller, now);
            }
            for (String unitId : units) {
                UnitEntity child = em.find(UnitEntity.class, unitId);
                if (child == null || !source.id.equals(child.parentId) || !child.open()) {
                    throw SotayException.invalid(List.of(new org.sotay.core.api.FieldError("subUnitIds", "not-in-unit",
                            Text.of("Đơn vị " + unitId + " không trực thuộc " + source.code + ".", "Unit " + unitId + " is not under " + source.code + "."))));
                }
                moveSubtree(em, child, target, at, "MOVED", why2, caller, now);
            }
            Changes.in(journal, em).event(RegistryEvents.UNIT_RESTRUCTURED, target.id, source.id, target.id)
                    .audit("unit.split", "unit", target.id, source.id, source.code + " split into " + target.code + " on " + at
                            + ": " + members.size() + " members, " + units.size() + " sub-units moved" + (why == null ? "" : "; " + why));
            em.flush();
            ids[0] = source.id;
            ids[1] = target.id;
            return target.toDto();
        });
        treeChanged.run();
        return created;
    }

    private static void moveSubtree(EntityManager em, UnitEntity u, UnitEntity parent, LocalDate at, String kind, String reason,
            Caller caller, long now) {
        if (parent.path.startsWith(u.path)) {
            throw new SotayException(RESTRUCTURE, Text.of("Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.",
                    "A unit cannot be moved under itself or one of its own sub-units."));
        }
        requireOpen(u, at);
        requireOpen(parent, at);
        String oldPath = u.path;
        String newPath = parent.path + u.id + "/";
        int delta = parent.depth + 1 - u.depth;
        List<UnitEntity> subtree = em.createQuery("SELECT s FROM UnitEntity s WHERE s.path LIKE :p AND s.validTo IS NULL",
                UnitEntity.class).setParameter("p", oldPath + "%").getResultList();
        for (UnitEntity s : subtree) {
            s.path = newPath + s.path.substring(oldPath.length());
            s.depth += delta;
            if (s.id.equals(u.id)) {
                s.parentId = parent.id;
            }
        }
        reopenHistory(em, subtree, at, kind, reason, caller, now);
    }

    /** Ends each unit's open interval at {@code at} and opens a new one with its current state. */
    private static void reopenHistory(EntityManager em, List<UnitEntity> units, LocalDate at, String kind, String reason,
            Caller caller, long now) {
        for (UnitEntity u : units) {
            List<UnitHistoryEntity> open = em.createQuery("SELECT h FROM UnitHistoryEntity h WHERE h.unitId = :id AND h.validTo IS NULL",
                    UnitHistoryEntity.class).setParameter("id", u.id).getResultList();
            for (UnitHistoryEntity h : open) {
                if (at.isBefore(h.validFrom)) {
                    throw new SotayException(RESTRUCTURE, Text.of(
                            "Ngày hiệu lực " + at + " sớm hơn thay đổi gần nhất (" + h.validFrom + ") của đơn vị " + u.code + ".",
                            "The effective date " + at + " is before the latest change (" + h.validFrom + ") of unit " + u.code + "."));
                }
                if (at.equals(h.validFrom)) {
                    em.remove(h); // a second change on the same day replaces the first state of that day
                } else {
                    h.validTo = at;
                }
            }
            history(em, u, at, kind, reason, caller, now);
        }
    }

    private static void history(EntityManager em, UnitEntity u, LocalDate from, String kind, String reason, Caller caller, long now) {
        UnitHistoryEntity h = new UnitHistoryEntity();
        h.id = UUID.randomUUID().toString();
        h.unitId = u.id;
        h.name = u.name;
        h.typeCode = u.typeCode;
        h.parentId = u.parentId;
        h.path = u.path;
        h.depth = u.depth;
        h.validFrom = from;
        h.changeKind = kind;
        h.reason = reason;
        h.recordedMs = now;
        h.recordedBy = caller.subject();
        em.persist(h);
    }

    private static void requireOpen(UnitEntity u, LocalDate at) {
        if (!u.open()) {
            throw new SotayException(RESTRUCTURE, Text.of("Đơn vị " + u.code + " đã giải thể/sáp nhập; không thể ghi vào.",
                    "Unit " + u.code + " is closed; nothing can be written to it."));
        }
        if (at.isBefore(u.validFrom)) {
            throw new SotayException(RESTRUCTURE, Text.of("Ngày " + at + " trước khi đơn vị " + u.code + " được thành lập.",
                    "The date " + at + " is before unit " + u.code + " was founded."));
        }
    }

    private static void checkVersion(UnitEntity u, long version) {
        if (u.version != version) {
            throw SotayException.staleVersion();
        }
    }

    static UnitEntity visible(EntityManager em, Caller caller, String permission, String id) {
        return Units.visible(em, caller, permission, id);
    }
}
