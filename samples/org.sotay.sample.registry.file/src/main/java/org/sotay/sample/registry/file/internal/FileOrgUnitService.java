package org.sotay.sample.registry.file.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.Dates;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.Scope;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.OrgUnitService;
import org.sotay.registry.api.RegistryPermissions;
import org.sotay.registry.api.UnitDraft;
import org.sotay.registry.api.UnitSummary;
import org.sotay.registry.api.UnitType;

/**
 * The tree from the file, scoped to the caller as the real registry is. The file holds the tree as
 * it is today (each unit with its validity), not its restructuring history: {@link #treeAt} gives the
 * units valid on that day under their parents of today. Every restructuring is refused as read-only.
 */
@Component(service = OrgUnitService.class)
public class FileOrgUnitService implements OrgUnitService {
    private final RegistryFile file;
    private final CallerContext callers;
    private final Clock clock;

    @Activate
    public FileOrgUnitService(@Reference RegistryFile file, @Reference CallerContext callers, @Reference Clock clock) {
        this.file = file;
        this.callers = callers;
        this.clock = clock;
    }

    @Override
    public List<UnitType> types() {
        return file.snapshot().types;
    }

    @Override
    public List<OrgUnit> roots() {
        Snapshot s = file.snapshot();
        Caller caller = callers.current();
        List<OrgUnit> granted = caller.unitsFor(RegistryPermissions.READ).stream().map(s.units::get).filter(u -> u != null).toList();
        // a grant inside another grant's subtree is not a root of its own
        return granted.stream()
                .filter(u -> granted.stream().noneMatch(o -> o != u && s.paths.get(u.id()).startsWith(s.paths.get(o.id()))))
                .sorted(Comparator.comparing((OrgUnit u) -> VietnameseText.sortKey(u.name()))).toList();
    }

    private Scope scope(Snapshot s) {
        return Visible.scope(s, callers.current(), RegistryPermissions.READ);
    }

    @Override
    public OrgUnit get(String id) {
        Snapshot s = file.snapshot();
        return Visible.unit(s, scope(s), id);
    }

    @Override
    public UnitSummary summary(String id) {
        Snapshot s = file.snapshot();
        return summarise(s, Visible.unit(s, scope(s), id));
    }

    static UnitSummary summarise(Snapshot s, OrgUnit u) {
        Snapshot.Counts c = s.counts(u.id());
        return new UnitSummary(u, s.openChildren.getOrDefault(u.id(), List.of()).size(), c.members, c.active, c.smartphone, c.installed,
                c.registered);
    }

    @Override
    public Page<OrgUnit> children(String id, PageRequest page) {
        Snapshot s = file.snapshot();
        OrgUnit parent = Visible.unit(s, scope(s), id);
        List<OrgUnit> all = s.openChildren.getOrDefault(parent.id(), List.of());
        int from = Math.min(page.offset(), all.size());
        return new Page<>(all.subList(from, Math.min(all.size(), from + page.limit())), all.size(), page);
    }

    @Override
    public List<UnitSummary> childSummaries(String id) {
        Snapshot s = file.snapshot();
        OrgUnit parent = Visible.unit(s, scope(s), id);
        return s.openChildren.getOrDefault(parent.id(), List.of()).stream().map(u -> summarise(s, u)).toList();
    }

    @Override
    public List<OrgUnit> treeAt(String id, LocalDate date) {
        Snapshot s = file.snapshot();
        LocalDate at = date == null ? LocalDate.now(clock) : Dates.check("at", date);
        OrgUnit root = Visible.unit(s, scope(s), id);
        if (!validOn(root, at)) {
            throw SotayException.notFound(Text.of("Đơn vị " + Visible.shown(id) + " không tồn tại vào ngày " + at + ".",
                    "Unit " + Visible.shown(id) + " did not exist on " + at + "."));
        }
        List<OrgUnit> out = new ArrayList<>();
        walk(s, root, at, out);
        return out;
    }

    private static void walk(Snapshot s, OrgUnit u, LocalDate at, List<OrgUnit> out) {
        out.add(u);
        for (OrgUnit child : s.allChildren.getOrDefault(u.id(), List.of())) {
            if (validOn(child, at)) {
                walk(s, child, at, out);
            }
        }
    }

    private static boolean validOn(OrgUnit u, LocalDate at) {
        return !u.validFrom().isAfter(at) && (u.validTo() == null || u.validTo().isAfter(at));
    }

    @Override
    public OrgUnit create(UnitDraft draft) {
        throw ReadOnly.problem("tạo đơn vị", "create a unit");
    }

    @Override
    public OrgUnit rename(String id, String newName, LocalDate effective, long version) {
        throw ReadOnly.problem("đổi tên đơn vị", "rename a unit");
    }

    @Override
    public OrgUnit move(String id, String newParentId, LocalDate effective, long version) {
        throw ReadOnly.problem("chuyển đơn vị", "move a unit");
    }

    @Override
    public OrgUnit merge(String sourceId, String targetId, LocalDate effective, String reason) {
        throw ReadOnly.problem("sáp nhập đơn vị", "merge units");
    }

    @Override
    public OrgUnit split(String sourceId, UnitDraft newUnit, List<String> memberIds, List<String> subUnitIds, LocalDate effective,
            String reason) {
        throw ReadOnly.problem("chia tách đơn vị", "split a unit");
    }
}
