package org.sotay.meetings.impl.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestClock;
import org.sotay.core.testing.TestConfig;
import org.sotay.core.testing.TestJpa;
import org.sotay.core.testing.TestPlatform;
import org.sotay.handbook.api.documents.DocumentContent;
import org.sotay.handbook.api.documents.DocumentStatus;
import org.sotay.handbook.api.documents.HandbookDocuments;
import org.sotay.meetings.api.MeetingsPermissions;
import org.sotay.registry.api.Gender;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.Membership;
import org.sotay.registry.api.StatusChange;
import org.sotay.registry.api.StatusRecord;
import org.sotay.registry.api.TransferDraft;

/**
 * The meetings services over the fast harness: a real database with the meetings migrations, the real
 * persistence unit, journal, outbox, scheduler and blob store, a test clock on 1 December 2026 at 08:00
 * in Vietnam. The registry and the handbook are stand-ins behind their APIs (a map of members; a map of
 * documents), each checking its own caller's scope as the real ones do. The tree: root / district /
 * cell, root / other-district / other-cell.
 */
final class MeetingsFixture implements AutoCloseable {
    static final String ROOT = "root";
    static final String DISTRICT = "district";
    static final String CELL = "cell";
    static final String OTHER_DISTRICT = "other-district";
    static final String OTHER_CELL = "other-cell";
    static final OrgTree TREE = new OrgTree() {
        @Override
        public List<String> lineage(String unitId) {
            if (unitId == null) {
                return List.of();
            }
            return switch (unitId) {
            case ROOT -> List.of(ROOT);
            case DISTRICT -> List.of(ROOT, DISTRICT);
            case CELL -> List.of(ROOT, DISTRICT, CELL);
            case OTHER_DISTRICT -> List.of(ROOT, OTHER_DISTRICT);
            case OTHER_CELL -> List.of(ROOT, OTHER_DISTRICT, OTHER_CELL);
            default -> List.of();
            };
        }

        @Override
        public List<String> roots() {
            return List.of(ROOT);
        }
    };

    final TestPlatform p;
    final TestJpa jpa;
    final Registry registry;
    final Handbook handbook = new Handbook();
    final Context context;
    final MeetingServiceImpl meetings;
    final AttendanceServiceImpl attendance;
    final MinutesServiceImpl minutes;
    final OfflineSyncImpl offline;
    final CalendarServiceImpl calendars;

    MeetingsFixture() {
        this(true, Map.of());
    }

    MeetingsFixture(boolean withHandbook, Map<String, ?> config) {
        p = TestPlatform.start(TestClock.at(LocalDateTime.of(2026, 12, 1, 8, 0)));
        p.migrate("meetings", "db/migration/meetings");
        p.tree(TREE);
        jpa = p.jpa("sotay-meetings");
        registry = new Registry(p.callers());
        MeetingsSettings settings = MeetingsSettings.of(TestConfig.of(MeetingsConfig.class, config));
        Roster roster = new Roster(registry, p.callers(), jpa, settings);
        context = new Context(jpa, p.callers(), p.journal(), p.systemClock(), TREE, settings, roster,
                Documents.of(withHandbook ? handbook : null), p.blobs());
        meetings = new MeetingServiceImpl(context);
        attendance = new AttendanceServiceImpl(context);
        minutes = new MinutesServiceImpl(context);
        offline = new OfflineSyncImpl(context);
        calendars = new CalendarServiceImpl(context);
    }

    /** The secretary of {@code cell}: meetings.* and registry.read there, as CELL_SECRETARY holds by default. */
    Caller secretary(String cell) {
        return TestCallers.caller("secretary@" + cell, Map.of("meetings.*", Set.of(cell), "registry.read", Set.of(cell)));
    }

    /** A member's own account at their cell (MEMBER: meetings.read, meetings.attend). */
    Caller member(Member m) {
        return TestCallers.member("account-" + m.id(), m.id(), Map.of(MeetingsPermissions.READ, Set.of(m.cellId()), MeetingsPermissions.ATTEND,
                Set.of(m.cellId())));
    }

    /** Staff of a committee above: meetings.* over its subtree. */
    Caller staff(String unit) {
        return TestCallers.caller("staff@" + unit, Map.of("meetings.*", Set.of(unit), "registry.*", Set.of(unit)));
    }

    MeetingsFixture as(Caller c) {
        p.callers().as(c);
        return this;
    }

    /** Moves the clock to {@code local} in Vietnam. */
    void at(LocalDateTime local) {
        p.clock().set(local);
    }

    @Override
    public void close() {
        p.close();
    }

    /** The registry's members as its API answers them, within the caller's registry.read scope. */
    static final class Registry implements MemberService {
        private final TestCallers callers;
        final Map<String, Member> members = new LinkedHashMap<>();
        final Map<String, List<Membership>> memberships = new ConcurrentHashMap<>();

        Registry(TestCallers callers) {
            this.callers = callers;
        }

        Member add(String id, String name, String cell, MemberStatus status) {
            Member m = new Member(id, "08" + Math.abs(id.hashCode() % 100000000), name, LocalDate.of(1950, 3, 2), Gender.MALE, "Tày",
                    LocalDate.of(1980, 1, 1), status == MemberStatus.PROBATIONARY ? null : LocalDate.of(1981, 1, 1), status,
                    LocalDate.of(1981, 1, 1), cell, null, null, null, false, false, null, false, null, Instant.EPOCH, Instant.EPOCH, 1);
            members.put(id, m);
            memberships.put(id, new ArrayList<>(List.of(new Membership(cell, cell, cell, "HOME", LocalDate.of(1980, 1, 1), null, null))));
            return m;
        }

        void away(String id, String otherCell, LocalDate from, LocalDate to) {
            memberships.get(id).add(new Membership(otherCell, otherCell, otherCell, "TEMPORARY", from, to, "công tác"));
        }

        private boolean visible(Member m) {
            Set<String> units = callers.current().unitsFor("registry.read");
            return TREE.lineage(m.cellId()).stream().anyMatch(units::contains);
        }

        private static SotayException notFound() {
            return SotayException.notFound(Text.of("Không có đảng viên này.", "There is no such member."));
        }

        @Override
        public Page<Member> search(MemberQuery query, PageRequest page) {
            List<Member> found = members.values().stream().filter(this::visible)
                    .filter(m -> query.unitId() == null || TREE.lineage(m.cellId()).contains(query.unitId())).toList();
            int to = Math.min(found.size(), page.offset() + page.limit());
            return new Page<>(page.offset() >= found.size() ? List.of() : found.subList(page.offset(), to), found.size(), page);
        }

        @Override
        public Member get(String id) {
            Member m = members.get(id);
            if (m == null || !visible(m)) {
                throw notFound();
            }
            return m;
        }

        @Override
        public Member self() {
            Member m = callers.current().memberId() == null ? null : members.get(callers.current().memberId());
            if (m == null) {
                throw notFound();
            }
            return m;
        }

        @Override
        public List<Membership> memberships(String memberId) {
            get(memberId);
            return List.copyOf(memberships.get(memberId));
        }

        @Override
        public Member create(MemberDraft draft) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Member update(String id, MemberDraft draft) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String cellAt(String memberId, LocalDate date) {
            return get(memberId).cellId();
        }

        @Override
        public Member transfer(String memberId, TransferDraft draft) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Member changeStatus(String memberId, StatusChange change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StatusRecord> statusHistory(String memberId) {
            return List.of();
        }

        @Override
        public void forEachMember(String unitId, BiConsumer<Member, String> memberAndCellCode) {
            search(new MemberQuery(null, unitId, null, null, null, null), PageRequest.of(0, 200)).getItems()
                    .forEach(m -> memberAndCellCode.accept(m, m.cellId()));
        }
    }

    /** The handbook's documents as its API answers them: items visible to a unit since an instant. */
    static final class Handbook implements HandbookDocuments {
        /** item id -> (unit -> visible since) */
        final Map<String, Map<String, Instant>> visible = new ConcurrentHashMap<>();

        void publish(String itemId, String unit, Instant since) {
            visible.computeIfAbsent(itemId, k -> new ConcurrentHashMap<>()).put(unit, since);
        }

        @Override
        public Map<String, DocumentStatus> statusAt(String unitId, Collection<String> itemIds) {
            Map<String, DocumentStatus> out = new LinkedHashMap<>();
            for (String id : itemIds) {
                Map<String, Instant> at = visible.get(id);
                if (at != null) {
                    for (String u : TREE.lineage(unitId)) {
                        if (at.containsKey(u)) {
                            out.put(id, new DocumentStatus(id, "Tài liệu " + id, "GUIDANCE", at.get(u), false));
                        }
                    }
                }
            }
            return out;
        }

        @Override
        public List<DocumentContent> contentAt(String unitId, Collection<String> itemIds) {
            return statusAt(unitId, itemIds).values().stream().map(s -> new DocumentContent(s.itemId(), s.title(), s.kind(), null, "<p>…</p>",
                    s.visibleSince(), 1, List.of())).toList();
        }
    }
}
