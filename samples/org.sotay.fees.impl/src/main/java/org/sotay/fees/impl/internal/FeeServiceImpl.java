package org.sotay.fees.impl.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.ConsoleCaller;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.fees.api.Arrears;
import org.sotay.fees.api.BatchResult;
import org.sotay.fees.api.FeeCategory;
import org.sotay.fees.api.FeeService;
import org.sotay.fees.api.FeesEvents;
import org.sotay.fees.api.FeesPermissions;
import org.sotay.fees.api.PaymentBatch;
import org.sotay.fees.api.PaymentDraft;
import org.sotay.fees.api.Quote;
import org.sotay.fees.api.Sheet;
import org.sotay.fees.api.SheetLine;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.RegistryPermissions;

/**
 * Party fees over JPA, the module pattern of the sample: constructor injection, the schema first,
 * the caller's {@link Scope} in every query over the rows' unit paths, every write one transaction
 * with its audit lines and events through the {@link Journal}, the platform's {@link Clock}, every
 * field validated at once. The members of a cell come from the registry's API ({@link MemberService}),
 * read as the module itself (a console caller holding {@code registry.read}) once the caller's own
 * fees permission over the cell is checked: a cell secretary needs no registry permission to collect.
 */
@Component(service = { FeeService.class, FeeServiceImpl.class }, configurationPid = FeesConfig.PID)
@Designate(ocd = FeesConfig.class)
public class FeeServiceImpl implements FeeService {
    private static final Logger LOG = LoggerFactory.getLogger(FeeServiceImpl.class);
    static final ProblemType ALREADY_PAID = ProblemType.of("fees.already-paid", 409,
            Text.of("Tháng này của đảng viên đã được ghi nhận với số tiền khác", "This member's month was recorded with another amount"));
    static final ProblemType CONCURRENT = ProblemType.of("fees.concurrent-write", 409,
            Text.of("Bảng thu vừa được người khác ghi; hãy thử lại", "The sheet was written by someone else at the same time; try again"));
    static final int SORT_KEY_MAX = 400;

    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final Journal journal;
    private final Clock clock;
    private final OrgTree tree;
    private final MemberService members;
    private volatile Rates rates;

    @Activate
    public FeeServiceImpl(@Reference FeesSchema schema, @Reference(target = "(osgi.unit.name=sotay-fees)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference Clock clock, @Reference OrgTree tree,
            @Reference MemberService members, FeesConfig config) {
        this(jpa, callers, journal, clock, tree, members, Rates.of(config));
    }

    /** Outside OSGi: the unit tests build the service on the harness. */
    FeeServiceImpl(JpaTemplate jpa, CallerContext callers, Journal journal, Clock clock, OrgTree tree, MemberService members, Rates rates) {
        this.jpa = jpa;
        this.callers = callers;
        this.journal = journal;
        this.clock = clock;
        this.tree = tree;
        this.members = members;
        this.rates = rates;
    }

    /** A change of the rates applies to the next quote or payment; nothing restarts. */
    @Modified
    void modified(FeesConfig config) {
        rates = Rates.of(config);
    }

    void rates(Rates r) {
        rates = r;
    }

    Rates rates() {
        return rates;
    }

    // ------------------------------------------------------------------ quotes

    @Override
    public Quote quote(FeeCategory category, Long incomeDong) {
        Validation v = new Validation();
        checkBasis(v, "category", "income", category, incomeDong, rates);
        v.throwIfInvalid();
        return rates.quote(category, incomeDong == null ? 0 : incomeDong);
    }

    @Override
    public Quote quote(String memberId, FeeCategory category, Long incomeDong) {
        Scope scope = Scope.of(callers.current(), FeesPermissions.READ, tree);
        Quote q = quote(category, incomeDong); // bad input is told before existence
        visibleMember(scope, memberId);
        return q;
    }

    static void checkBasis(Validation v, String categoryField, String incomeField, FeeCategory category, Long income, Rates r) {
        v.required(categoryField, category);
        if (category != null && category != FeeCategory.STUDENT) {
            v.required(incomeField, income);
        }
        if (income != null) {
            v.check(income >= 0, incomeField, "negative", Text.of("Thu nhập làm căn cứ không được âm.", "The income basis cannot be negative."));
            v.check(income <= r.maxIncome(), incomeField, "too-large", Text.of("Thu nhập làm căn cứ vượt quá " + Rates.dong(r.maxIncome()) + " một tháng.",
                    "The income basis is over " + Rates.dong(r.maxIncome()) + " a month."));
        }
    }

    // ------------------------------------------------------------------ sheets

    @Override
    public Sheet sheet(String unitId, String period) {
        YearMonth ym = Periods.parse("period", period);
        Scope scope = Scope.of(callers.current(), FeesPermissions.READ, tree);
        String unit = visibleUnit(scope, unitId).unitId();
        return jpa.txExpr(TransactionType.Required, em -> load(em, unit, ym.toString()));
    }

    @Override
    public Sheet open(String unitId, String period) {
        YearMonth ym = Periods.parse("period", period);
        Scope scope = Scope.of(callers.current(), FeesPermissions.RECORD, tree);
        UnitAt unit = visibleUnit(scope, unitId);
        List<Member> due = cellMembers(unit.unitId());
        return write(em -> {
            Journal.Entries log = journal.in(FeesSchema.MODULE, em.unwrap(Connection.class));
            openIn(em, log, unit, ym.toString(), due, null, callers.current().subject());
            raiseArrears(em, log, unit.unitId());
            return load(em, unit.unitId(), ym.toString());
        });
    }

    /**
     * The meetings module's HELD event: the meeting's cell's sheet for the meeting's month opens (or gets
     * the meeting's id), once per event id, in one transaction with the event's mark as seen.
     */
    void openFromMeeting(String eventId, String cellId, String period, String meetingId) {
        YearMonth ym;
        try {
            ym = Periods.parse("period", period);
        } catch (SotayException e) {
            LOG.warn("A held meeting's event {} has no month the fees module can read; ignored", eventId);
            return;
        }
        String path = cellId == null || cellId.length() > 36 ? "" : OrgTree.path(tree.lineage(cellId));
        if (path.isEmpty()) {
            LOG.warn("A held meeting's event {} names a unit the tree does not know; ignored", eventId);
            return;
        }
        asModule("fees.collection", () -> {
            if (seen(eventId)) {
                return null;
            }
            List<Member> due = cellMembers(cellId);
            return write(em -> {
                Connection c = em.unwrap(Connection.class);
                if (!markSeen(c, eventId)) {
                    return null; // another node took it meanwhile
                }
                Journal.Entries log = journal.in(FeesSchema.MODULE, c);
                openIn(em, log, new UnitAt(cellId, path), ym.toString(), due, meetingId, "meeting:" + meetingId);
                raiseArrears(em, log, cellId);
                return null;
            });
        });
    }

    private void openIn(EntityManager em, Journal.Entries log, UnitAt unit, String period, List<Member> due, String meetingId, String by) {
        SheetEntity s = em.find(SheetEntity.class, SheetEntity.id(unit.unitId(), period));
        boolean created = s == null;
        if (created) {
            s = new SheetEntity();
            s.id = SheetEntity.id(unit.unitId(), period);
            s.unitId = unit.unitId();
            s.unitPath = unit.path();
            s.period = period;
            s.openedMs = clock.millis();
            s.openedBy = by;
            s.meetingId = meetingId;
            em.persist(s);
        } else if (s.meetingId == null && meetingId != null) {
            s.meetingId = meetingId;
        }
        int added = 0;
        for (Member m : due) {
            if (em.find(DueEntity.class, DueEntity.id(m.id(), period)) == null) {
                em.persist(newDue(m, unit, period));
                added++;
            }
        }
        em.flush();
        if (created) {
            Map<String, Object> props = new HashMap<>();
            props.put(FeesEvents.ID, s.id);
            props.put(FeesEvents.UNITS, new String[] { unit.unitId() });
            props.put(FeesEvents.PERIOD, period);
            props.put(FeesEvents.MEMBERS, due.size());
            if (meetingId != null) {
                props.put(FeesEvents.MEETING, meetingId);
            }
            log.event(FeesEvents.SHEET_OPENED, props);
            log.audit("sheet.open", "fee-sheet", s.id, unit.unitId(), period + ": " + due.size() + " members due"
                    + (meetingId == null ? "" : ", meeting " + meetingId));
        } else if (added > 0) {
            log.audit("sheet.add", "fee-sheet", s.id, unit.unitId(), period + ": " + added + " members added");
        }
    }

    private DueEntity newDue(Member m, UnitAt unit, String period) {
        DueEntity d = new DueEntity();
        d.id = DueEntity.id(m.id(), period);
        d.memberId = m.id();
        d.period = period;
        d.year = Integer.parseInt(period.substring(0, 4));
        d.unitId = unit.unitId();
        d.unitPath = unit.path();
        d.fullName = m.fullName();
        String key = VietnameseText.nameSortKey(m.fullName());
        d.sortKey = key.length() > SORT_KEY_MAX ? key.substring(0, SORT_KEY_MAX) : key;
        d.paid = 0;
        return d;
    }

    private Sheet load(EntityManager em, String unitId, String period) {
        SheetEntity s = em.find(SheetEntity.class, SheetEntity.id(unitId, period));
        List<DueEntity> rows = em.createQuery("SELECT d FROM DueEntity d WHERE d.unitId = :u AND d.period = :p ORDER BY d.sortKey, d.memberId",
                DueEntity.class).setParameter("u", unitId).setParameter("p", period).getResultList();
        Map<String, Integer> unpaid = unpaidMonths(em, rows.stream().map(d -> d.memberId).toList(), Integer.parseInt(period.substring(0, 4)));
        List<SheetLine> lines = rows.stream().map(d -> d.toDto(unpaid.getOrDefault(d.memberId, 0))).toList();
        int paid = (int) rows.stream().filter(d -> d.paid == 1).count();
        long collected = rows.stream().filter(d -> d.paid == 1 && d.amountDong != null).mapToLong(d -> d.amountDong).sum();
        return new Sheet(unitId, period, s == null ? null : Instant.ofEpochMilli(s.openedMs), s == null ? null : s.meetingId, rows.size(), paid,
                collected, lines);
    }

    /** Per member, the months of {@code year} already over that they are due for and have not paid. */
    private Map<String, Integer> unpaidMonths(EntityManager em, List<String> memberIds, int year) {
        Map<String, Integer> out = new HashMap<>();
        String current = YearMonth.now(clock).toString();
        for (int i = 0; i < memberIds.size(); i += 200) {
            List<Object[]> counts = em.createQuery("SELECT d.memberId, COUNT(d) FROM DueEntity d WHERE d.memberId IN :ids AND d.year = :y"
                    + " AND d.paid = 0 AND d.period < :cur GROUP BY d.memberId", Object[].class)
                    .setParameter("ids", memberIds.subList(i, Math.min(memberIds.size(), i + 200))).setParameter("y", year)
                    .setParameter("cur", current).getResultList();
            for (Object[] r : counts) {
                out.put((String) r[0], ((Number) r[1]).intValue());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ payments

    @Override
    public BatchResult record(String unitId, String period, PaymentBatch batch) {
        YearMonth ym = Periods.parse("period", period);
        String p = ym.toString();
        Rates r = rates;
        List<PaymentDraft> lines = validate(batch, r);
        Scope scope = Scope.of(callers.current(), FeesPermissions.RECORD, tree);
        UnitAt unit = visibleUnit(scope, unitId);
        // who is on the sheet already; the others are looked up in the registry before the transaction
        Set<String> ids = new HashSet<>();
        lines.forEach(l -> ids.add(DueEntity.id(l.memberId().strip(), p)));
        Map<String, DueEntity> existing = jpa.txExpr(TransactionType.Required, em -> {
            Map<String, DueEntity> out = new HashMap<>();
            for (DueEntity d : em.createQuery("SELECT d FROM DueEntity d WHERE d.period = :p AND d.memberId IN :m", DueEntity.class)
                    .setParameter("p", p).setParameter("m", lines.stream().map(l -> l.memberId().strip()).toList()).getResultList()) {
                out.put(d.id, d);
            }
            return out;
        });
        Map<String, Member> newcomers = new HashMap<>();
        List<FieldError> elsewhere = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String memberId = lines.get(i).memberId().strip();
            DueEntity d = existing.get(DueEntity.id(memberId, p));
            String path;
            String cell;
            if (d != null) {
                path = d.unitPath;
                cell = d.unitId;
            } else {
                Member m = member(memberId);
                cell = m == null ? null : m.cellId();
                path = cell == null ? "" : OrgTree.path(tree.lineage(cell));
                if (m != null && (!m.status().active())) {
                    elsewhere.add(new FieldError("payments[" + i + "].memberId", "not-active",
                            Text.of("Đảng viên này không còn sinh hoạt; không thu đảng phí.", "This member is no longer active; no fees are due.")));
                }
                newcomers.put(memberId, m);
            }
            if (path.isEmpty() || !scope.covers(path)) {
                throw SotayException.notFound(Text.of("Không có đảng viên này trong phạm vi của bạn.", "There is no such member within your scope."));
            }
            if (!unit.unitId().equals(cell)) {
                elsewhere.add(new FieldError("payments[" + i + "].memberId", "not-in-cell",
                        Text.of("Đảng viên này thuộc chi bộ khác trong tháng này.", "This member belongs to another cell for this month.")));
            }
        }
        if (!elsewhere.isEmpty()) {
            throw SotayException.invalid(elsewhere);
        }
        String by = callers.current().subject();
        return write(em -> {
            Journal.Entries log = journal.in(FeesSchema.MODULE, em.unwrap(Connection.class));
            int recorded = 0;
            int unchanged = 0;
            for (PaymentDraft l : lines) {
                String memberId = l.memberId().strip();
                long amount = r.quote(l.category(), l.incomeDong() == null ? 0 : l.incomeDong()).amountDong();
                DueEntity d = em.find(DueEntity.class, DueEntity.id(memberId, p));
                if (d == null) {
                    d = newDue(newcomers.get(memberId), unit, p);
                    em.persist(d);
                }
                if (d.paid == 1) {
                    if (d.amountDong != null && d.amountDong == amount) {
                        unchanged++;
                        continue;
                    }
                    throw new SotayException(ALREADY_PAID, Text.of(
                            d.fullName + " đã được ghi nhận đóng tháng " + p + " số tiền " + Rates.dong(d.amountDong) + "; không ghi lại với số khác.",
                            d.fullName + " was recorded as paid for " + p + " with " + Rates.dong(d.amountDong) + "; not recorded again with another amount."));
                }
                d.paid = 1;
                d.method = l.method().name();
                d.category = l.category().name();
                d.incomeDong = l.category() == FeeCategory.STUDENT ? null : l.incomeDong();
                d.amountDong = amount;
                d.recordedBy = by;
                d.recordedMs = clock.millis();
                recorded++;
                log.audit("payment.record", "member", memberId, unit.unitId(), p + " " + l.method().name());
            }
            em.flush();
            if (recorded > 0) {
                log.event(FeesEvents.PAYMENTS_RECORDED, Map.of(FeesEvents.ID, SheetEntity.id(unit.unitId(), p), FeesEvents.UNITS,
                        new String[] { unit.unitId() }, FeesEvents.PERIOD, p, FeesEvents.COUNT, recorded));
            }
            Set<String> wanted = new HashSet<>();
            lines.forEach(l -> wanted.add(l.memberId().strip()));
            List<SheetLine> out = load(em, unit.unitId(), p).lines().stream().filter(s -> wanted.contains(s.memberId())).toList();
            return new BatchResult(recorded, unchanged, out);
        });
    }

    static List<PaymentDraft> validate(PaymentBatch batch, Rates r) {
        Validation v = new Validation();
        List<PaymentDraft> lines = batch == null || batch.payments() == null ? List.of() : batch.payments();
        v.check(!lines.isEmpty(), "payments", "required", Text.of("Hãy ghi ít nhất một khoản đóng.", "Record at least one payment."));
        v.check(lines.size() <= PaymentBatch.MAX, "payments", "too-many",
                Text.of("Mỗi lần ghi tối đa " + PaymentBatch.MAX + " khoản.", "At most " + PaymentBatch.MAX + " payments at a time."));
        Set<String> members = new HashSet<>();
        for (int i = 0; i < lines.size() && i < PaymentBatch.MAX; i++) {
            PaymentDraft l = lines.get(i);
            String f = "payments[" + i + "].";
            if (l == null) {
                v.required(f + "memberId", null);
                continue;
            }
            String id = Validation.clean(l.memberId());
            v.required(f + "memberId", id).maxLength(f + "memberId", id, 36);
            v.check(id == null || members.add(id), f + "memberId", "duplicate",
                    Text.of("Đảng viên này có hai dòng trong cùng một lần ghi.", "This member is on two lines of one batch."));
            v.required(f + "method", l.method());
            checkBasis(v, f + "category", f + "incomeDong", l.category(), l.incomeDong(), r);
        }
        v.throwIfInvalid();
        return lines;
    }

    // ------------------------------------------------------------------ history and arrears

    @Override
    public List<SheetLine> history(String memberId, Integer year) {
        if (year != null) {
            Periods.year("year", year);
        }
        Scope scope = Scope.of(callers.current(), FeesPermissions.READ, tree);
        String id = memberId == null ? "" : memberId.strip();
        List<DueEntity> rows = id.isEmpty() || id.length() > 36 ? List.of() : jpa.txExpr(TransactionType.Required, em -> {
            TypedQuery<DueEntity> q = em.createQuery("SELECT d FROM DueEntity d WHERE d.memberId = :m" + (year == null ? "" : " AND d.year = :y")
                    + " AND " + scope.jpql("d.unitPath") + " ORDER BY d.period DESC", DueEntity.class).setParameter("m", id);
            if (year != null) {
                q.setParameter("y", year);
            }
            scope.parameters().forEach(q::setParameter);
            return q.getResultList();
        });
        if (rows.isEmpty()) {
            visibleMember(scope, id); // nothing recorded yet, or nobody the caller may see
            return List.of();
        }
        String current = YearMonth.now(clock).toString();
        Map<Integer, Integer> unpaidByYear = new HashMap<>();
        for (DueEntity d : rows) {
            if (d.paid == 0 && d.period.compareTo(current) < 0) {
                unpaidByYear.merge(d.year, 1, Integer::sum);
            }
        }
        return rows.stream().map(d -> d.toDto(unpaidByYear.getOrDefault(d.year, 0))).toList();
    }

    @Override
    public List<Arrears> arrears(String unitId, int year) {
        Periods.year("year", year);
        Scope scope = Scope.of(callers.current(), FeesPermissions.READ, tree);
        UnitAt unit = visibleUnit(scope, unitId);
        String current = YearMonth.now(clock).toString();
        return jpa.txExpr(TransactionType.Required, em -> {
            List<ArrearsEntity> raised = em.createQuery("SELECT a FROM ArrearsEntity a WHERE a.unitPath LIKE :u AND a.year = :y"
                    + " ORDER BY a.sortKey, a.memberId", ArrearsEntity.class).setParameter("u", Scope.likePrefix(unit.path())).setParameter("y", year)
                    .getResultList();
            Map<String, List<String>> unpaid = new LinkedHashMap<>();
            List<String> ids = raised.stream().map(a -> a.memberId).toList();
            for (int i = 0; i < ids.size(); i += 200) {
                for (Object[] row : em.createQuery("SELECT d.memberId, d.period FROM DueEntity d WHERE d.memberId IN :ids AND d.year = :y"
                        + " AND d.paid = 0 AND d.period < :cur ORDER BY d.period", Object[].class)
                        .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + 200))).setParameter("y", year).setParameter("cur", current)
                        .getResultList()) {
                    unpaid.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((String) row[1]);
                }
            }
            return raised.stream().map(a -> new Arrears(a.memberId, a.fullName, a.unitId, a.year, List.copyOf(unpaid.getOrDefault(a.memberId, List.of())),
                    Instant.ofEpochMilli(a.raisedMs))).toList();
        });
    }

    /** The periodic check over every cell (once in the cluster); returns the warnings raised. */
    int sweepArrears() {
        return asModule("fees.arrears", () -> write(em -> raiseArrears(em, journal.in(FeesSchema.MODULE, em.unwrap(Connection.class)), null)));
    }

    /**
     * Raises the warning for each member (of {@code unitId}'s sheets, or of all) who has reached the
     * configured number of unpaid months, already over, in a calendar year and has none for that year.
     */
    private int raiseArrears(EntityManager em, Journal.Entries log, String unitId) {
        int threshold = rates.arrearsMonths();
        String current = YearMonth.now(clock).toString();
        TypedQuery<Object[]> q = em.createQuery("SELECT d.memberId, d.year, COUNT(d) FROM DueEntity d WHERE d.paid = 0 AND d.period < :cur"
                + (unitId == null ? "" : " AND d.memberId IN (SELECT e.memberId FROM DueEntity e WHERE e.unitId = :u)")
                + " GROUP BY d.memberId, d.year HAVING COUNT(d) >= " + threshold, Object[].class).setParameter("cur", current);
        if (unitId != null) {
            q.setParameter("u", unitId);
        }
        int raised = 0;
        for (Object[] row : q.getResultList()) {
            String memberId = (String) row[0];
            int year = ((Number) row[1]).intValue();
            int months = ((Number) row[2]).intValue();
            if (em.find(ArrearsEntity.class, memberId + ":" + year) != null) {
                continue;
            }
            DueEntity last = em.createQuery("SELECT d FROM DueEntity d WHERE d.memberId = :m AND d.year = :y ORDER BY d.period DESC", DueEntity.class)
                    .setParameter("m", memberId).setParameter("y", year).setMaxResults(1).getSingleResult();
            ArrearsEntity a = new ArrearsEntity();
            a.id = memberId + ":" + year;
            a.memberId = memberId;
            a.year = year;
            a.unitId = last.unitId;
            a.unitPath = last.unitPath;
            a.fullName = last.fullName;
            a.sortKey = last.sortKey;
            a.months = months;
            a.raisedMs = clock.millis();
            em.persist(a);
            em.flush();
            log.event(FeesEvents.MEMBER_ARREARS, Map.of(FeesEvents.ID, memberId, FeesEvents.UNITS, new String[] { last.unitId }, FeesEvents.YEAR, year,
                    FeesEvents.MONTHS, months));
            log.audit("arrears.raise", "member", memberId, last.unitId, year + ": " + months + " months unpaid");
            raised++;
        }
        return raised;
    }

    // ------------------------------------------------------------------ helpers

    record UnitAt(String unitId, String path) {
    }

    /** The unit's path when it lies in {@code scope}; not found otherwise (no difference between "elsewhere" and "nowhere"). */
    private UnitAt visibleUnit(Scope scope, String unitId) {
        String id = unitId == null ? "" : unitId.strip();
        String path = id.isEmpty() || id.length() > 36 ? "" : OrgTree.path(tree.lineage(id));
        if (path.isEmpty() || !scope.covers(path)) {
            throw SotayException.notFound(Text.of("Không có đơn vị này trong phạm vi của bạn.", "There is no such unit within your scope."));
        }
        return new UnitAt(id, path);
    }

    private void visibleMember(Scope scope, String memberId) {
        Member m = member(memberId);
        String path = m == null ? "" : OrgTree.path(tree.lineage(m.cellId()));
        if (path.isEmpty() || !scope.covers(path)) {
            throw SotayException.notFound(Text.of("Không có đảng viên này trong phạm vi của bạn.", "There is no such member within your scope."));
        }
    }

    /** The member as the registry has them, read as the module (the caller's fees scope is checked by the caller of this); null when unknown. */
    private Member member(String memberId) {
        String id = memberId == null ? "" : memberId.strip();
        if (id.isEmpty() || id.length() > 36) {
            return null;
        }
        try {
            return asModule("fees", () -> members.get(id));
        } catch (SotayException e) {
            if (e.type().status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** The cell's active members now, read as the module. */
    private List<Member> cellMembers(String cellId) {
        List<Member> out = new ArrayList<>();
        asModule("fees", () -> {
            members.forEachMember(cellId, (m, code) -> {
                if (m.status().active() && cellId.equals(m.cellId())) {
                    out.add(m);
                }
            });
            return null;
        });
        out.sort(Comparator.comparing(m -> VietnameseText.nameSortKey(m.fullName())));
        return out;
    }

    private <T> T asModule(String command, Callable<T> work) {
        try {
            return callers.runAs(ConsoleCaller.of(command, tree.roots(), RegistryPermissions.READ, "fees.*"), work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean seen(String eventId) {
        return jpa.txExpr(TransactionType.Required, em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM FEE_SEEN WHERE EVENT_ID = ?")
                .setParameter(1, eventId).getSingleResult()).longValue() > 0);
    }

    private boolean markSeen(Connection c, String eventId) {
        try (var ps = c.prepareStatement("INSERT INTO FEE_SEEN (EVENT_ID, SEEN_MS) VALUES (?, ?)")) {
            ps.setString(1, eventId);
            ps.setLong(2, clock.millis());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw new IllegalStateException(e);
        }
    }

    /** One transaction; two writers creating the same row at once get a 409 to retry, never a 500. */
    private <T> T write(org.apache.aries.jpa.template.EmFunction<T> work) {
        try {
            return jpa.txExpr(TransactionType.Required, work);
        } catch (SotayException e) {
            throw e;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                    throw new SotayException(CONCURRENT, null);
                }
                if (t instanceof SotayException s) {
                    throw s;
                }
            }
            throw e;
        }
    }
}
