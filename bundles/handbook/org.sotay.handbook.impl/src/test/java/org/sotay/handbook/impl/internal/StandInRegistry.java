package org.sotay.handbook.impl.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.registry.api.Gender;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.Membership;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.OrgUnitService;
import org.sotay.registry.api.StatusChange;
import org.sotay.registry.api.StatusRecord;
import org.sotay.registry.api.TransferDraft;
import org.sotay.registry.api.UnitDraft;
import org.sotay.registry.api.UnitSummary;
import org.sotay.registry.api.UnitType;

/**
 * Another module behind its API, as the guidelines ask: the registry's tree and members in memory, answering
 * {@link MemberService#self()} for the current caller and counts per subtree, scoped to nobody (the handbook's
 * own rules are what is tested).
 *
 * <pre>
 * root ── d1 ── c1 (an, binh, cuong: exempt)
 *      │     └─ c2 (dung)
 *      └─ d2 ── c3 (em)
 * </pre>
 */
final class StandInRegistry implements OrgTree {
    final Map<String, List<String>> lineages = new LinkedHashMap<>();
    final Map<String, Member> members = new LinkedHashMap<>();
    private final CallerContext callers;

    StandInRegistry(CallerContext callers) {
        this.callers = callers;
        lineages.put("root", List.of("root"));
        lineages.put("d1", List.of("root", "d1"));
        lineages.put("c1", List.of("root", "d1", "c1"));
        lineages.put("c2", List.of("root", "d1", "c2"));
        lineages.put("d2", List.of("root", "d2"));
        lineages.put("c3", List.of("root", "d2", "c3"));
        add("an", "Nguyễn Văn An", "c1", MemberStatus.OFFICIAL);
        add("binh", "Trần Thị Bình", "c1", MemberStatus.OFFICIAL);
        add("cuong", "Lê Văn Cường", "c1", MemberStatus.EXEMPT);
        add("dung", "Phạm Thị Dung", "c2", MemberStatus.PROBATIONARY);
        add("em", "Hoàng Văn Em", "c3", MemberStatus.OFFICIAL);
    }

    void add(String id, String name, String cell, MemberStatus status) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        members.put(id, new Member(id, "08000" + members.size(), name, LocalDate.of(1970, 1, 1), Gender.MALE, null, LocalDate.of(1995, 1, 1), null, status,
                LocalDate.of(2000, 1, 1), cell, null, null, null, true, false, null, false, null, t, t, 1));
    }

    @Override
    public List<String> lineage(String unitId) {
        return lineages.getOrDefault(unitId, List.of());
    }

    @Override
    public List<String> roots() {
        return List.of("root");
    }

    private boolean under(Member m, String unit) {
        return lineage(m.cellId()).contains(unit);
    }

    MemberService memberService() {
        return new MemberService() {
            @Override
            public Page<Member> search(MemberQuery q, PageRequest page) {
                List<Member> out = new ArrayList<>();
                for (Member m : members.values()) {
                    if ((q.unitId() == null || under(m, q.unitId())) && (q.status() == null || q.status() == m.status())) {
                        out.add(m);
                    }
                }
                return new Page<>(out.subList(Math.min(page.offset(), out.size()), Math.min(out.size(), page.offset() + page.limit())), out.size(), page);
            }

            @Override
            public Member get(String id) {
                Member m = members.get(id);
                if (m == null) {
                    throw SotayException.notFound(Text.of("Không có.", "None."));
                }
                return m;
            }

            @Override
            public Member self() {
                return get(callers.current().memberId());
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
                throw new UnsupportedOperationException();
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
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Membership> memberships(String memberId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void forEachMember(String unitId, BiConsumer<Member, String> memberAndCellCode) {
                throw new UnsupportedOperationException();
            }
        };
    }

    OrgUnitService unitService() {
        return new OrgUnitService() {
            private OrgUnit unit(String id) {
                List<String> l = lineage(id);
                if (l.isEmpty()) {
                    throw SotayException.notFound(Text.of("Không có.", "None."));
                }
                return new OrgUnit(id, id.toUpperCase(), "Đơn vị " + id, id.startsWith("c") ? "CELL" : "DISTRICT", l.size() > 1 ? l.get(l.size() - 2) : null,
                        l.size() - 1, LocalDate.of(2000, 1, 1), null, null, null, 1);
            }

            @Override
            public OrgUnit get(String id) {
                return unit(id);
            }

            @Override
            public UnitSummary summary(String id) {
                long active = members.values().stream().filter(m -> under(m, id) && m.status().active()).count();
                return new UnitSummary(unit(id), 0, active, active, 0, 0, 0);
            }

            @Override
            public List<UnitSummary> childSummaries(String id) {
                List<UnitSummary> out = new ArrayList<>();
                lineages.forEach((u, l) -> {
                    if (l.size() >= 2 && l.get(l.size() - 2).equals(id)) {
                        out.add(summary(u));
                    }
                });
                return out;
            }

            @Override
            public List<UnitType> types() {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<OrgUnit> roots() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Page<OrgUnit> children(String id, PageRequest page) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<OrgUnit> treeAt(String id, LocalDate date) {
                throw new UnsupportedOperationException();
            }

            @Override
            public OrgUnit create(UnitDraft draft) {
                throw new UnsupportedOperationException();
            }

            @Override
            public OrgUnit rename(String id, String newName, LocalDate effective, long version) {
                throw new UnsupportedOperationException();
            }

            @Override
            public OrgUnit move(String id, String newParentId, LocalDate effective, long version) {
                throw new UnsupportedOperationException();
            }

            @Override
            public OrgUnit merge(String sourceId, String targetId, LocalDate effective, String reason) {
                throw new UnsupportedOperationException();
            }

            @Override
            public OrgUnit split(String sourceId, UnitDraft newUnit, List<String> memberIds, List<String> subUnitIds, LocalDate effective, String reason) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
