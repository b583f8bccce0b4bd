package org.sotay.sample.registry.file.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.Scope;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.Membership;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.RegistryPermissions;
import org.sotay.registry.api.StatusChange;
import org.sotay.registry.api.StatusRecord;
import org.sotay.registry.api.TransferDraft;

/**
 * Members from the file, limited to the caller's subtrees, searched with or without diacritics
 * and sorted in Vietnamese order (given name first) as the real registry does. The file carries
 * each member's state today, not their history: {@link #statusHistory} is empty, {@link #memberships}
 * is the current home cell since admission, and {@link #cellAt} answers that cell for any day from
 * the admission on. Every write is refused as read-only.
 */
@Component(service = MemberService.class)
public class FileMemberService implements MemberService {
    private final RegistryFile file;
    private final CallerContext callers;
    private final Clock clock;

    @Activate
    public FileMemberService(@Reference RegistryFile file, @Reference CallerContext callers, @Reference Clock clock) {
        this.file = file;
        this.callers = callers;
        this.clock = clock;
    }

    private Scope scope(Snapshot s) {
        return Visible.scope(s, callers.current(), RegistryPermissions.READ);
    }

    @Override
    public Page<Member> search(MemberQuery query, PageRequest page) {
        Snapshot s = file.snapshot();
        MemberQuery q = query == null ? MemberQuery.all() : query;
        new Validation().maxLength("q", q.text(), 200).throwIfInvalid();
        Scope scope = scope(s);
        List<Predicate<Snapshot.Entry>> tests = new ArrayList<>();
        if (!scope.everything()) {
            tests.add(e -> scope.covers(e.cellPath()));
        }
        if (q.unitId() != null && !q.unitId().isBlank()) {
            String unitPath = s.paths.get(Visible.unit(s, scope, q.unitId()).id());
            tests.add(e -> e.cellPath().startsWith(unitPath));
        }
        String text = VietnameseText.fold(q.text());
        if (text != null && !text.isEmpty()) {
            String card = Snapshot.card(text);
            if (card.matches("\\d+")) {
                tests.add(e -> Snapshot.card(e.member().cardNumber()).startsWith(card));
            } else {
                tests.add(e -> e.nameKey().contains(text));
            }
        }
        if (q.status() != null) {
            tests.add(e -> e.member().status() == q.status());
        }
        if (q.usesSmartphone() != null) {
            tests.add(e -> e.member().usesSmartphone() == q.usesSmartphone());
        }
        if (q.appInstalled() != null) {
            tests.add(e -> e.member().appInstalled() == q.appInstalled());
        }
        if (q.accountRegistered() != null) {
            tests.add(e -> e.member().accountRegistered() == q.accountRegistered());
        }
        Predicate<Snapshot.Entry> all = e -> true;
        for (Predicate<Snapshot.Entry> t : tests) {
            all = all.and(t);
        }
        List<Member> items = new ArrayList<>();
        long total = 0;
        for (Snapshot.Entry e : s.ordered) {
            if (all.test(e)) {
                if (total >= page.offset() && items.size() < page.limit()) {
                    items.add(e.member());
                }
                total++;
            }
        }
        return new Page<>(items, total, page);
    }

    @Override
    public Member get(String id) {
        Snapshot s = file.snapshot();
        return Visible.member(s, scope(s), id).member();
    }

    @Override
    public Member self() {
        String id = callers.current().memberId();
        if (id == null) {
            throw SotayException.notFound(Text.of("Tài khoản này không gắn với đảng viên nào.", "This account belongs to no member."));
        }
        Snapshot.Entry e = file.snapshot().members.get(id);
        if (e == null) {
            throw Visible.memberNotFound(id);
        }
        return e.member();
    }

    @Override
    public String cellAt(String memberId, LocalDate date) {
        Snapshot s = file.snapshot();
        Member m = Visible.member(s, scope(s), memberId).member();
        LocalDate at = date == null ? LocalDate.now(clock) : date;
        return at.isBefore(m.dateAdmitted()) ? null : m.cellId();
    }

    @Override
    public List<StatusRecord> statusHistory(String memberId) {
        Snapshot s = file.snapshot();
        Visible.member(s, scope(s), memberId);
        return List.of();
    }

    @Override
    public List<Membership> memberships(String memberId) {
        Snapshot s = file.snapshot();
        Member m = Visible.member(s, scope(s), memberId).member();
        OrgUnit cell = s.units.get(m.cellId());
        return List.of(new Membership(cell.id(), cell.code(), cell.name(), "HOME", m.dateAdmitted(), null, null));
    }

    @Override
    public void forEachMember(String unitId, BiConsumer<Member, String> memberAndCellCode) {
        Snapshot s = file.snapshot();
        Scope scope = scope(s);
        String unitPath = s.paths.get(Visible.unit(s, scope, unitId).id());
        for (Snapshot.Entry e : s.ordered) {
            if (e.cellPath().startsWith(unitPath) && scope.covers(e.cellPath())) {
                memberAndCellCode.accept(e.member(), e.cellCode());
            }
        }
    }

    @Override
    public Member create(MemberDraft draft) {
        throw ReadOnly.problem("thêm đảng viên", "add a member");
    }

    @Override
    public Member update(String id, MemberDraft draft) {
        throw ReadOnly.problem("sửa thông tin đảng viên", "edit a member");
    }

    @Override
    public Member transfer(String memberId, TransferDraft draft) {
        throw ReadOnly.problem("chuyển sinh hoạt đảng", "transfer a member");
    }

    @Override
    public Member changeStatus(String memberId, StatusChange change) {
        throw ReadOnly.problem("đổi trạng thái đảng viên", "change a member's status");
    }
}
