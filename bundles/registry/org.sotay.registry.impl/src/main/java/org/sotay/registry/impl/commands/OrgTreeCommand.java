package org.sotay.registry.impl.commands;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.security.CallerContext;
import org.sotay.registry.api.OrgUnit;
import org.sotay.registry.api.OrgUnitService;
import org.sotay.registry.api.UnitSummary;

/** {@code sotay:org-tree [-d depth] [-a date] [unit-id]}: prints the organization tree with member counts. */
@Service
@Command(scope = "sotay", name = "org-tree", description = "In cây tổ chức / Print the organization tree")
public class OrgTreeCommand implements Action {
    @Reference
    OrgUnitService units;
    @Reference
    CallerContext callers;
    @Reference
    RegistryRoots roots;

    @Argument(index = 0, name = "unit", description = "Unit id to start from (default: the root)", required = false)
    String unitId;

    @Option(name = "-d", aliases = "--depth", description = "Levels to print below the start (default 2)")
    int depth = 2;

    @Option(name = "-a", aliases = "--at", description = "The tree as it was on this date (YYYY-MM-DD); counts are today's")
    String at;

    @Override
    public Object execute() throws Exception {
        Set<String> rootIds = roots.rootIds();
        if (rootIds.isEmpty()) {
            System.out.println("Chưa có đơn vị nào / The registry has no units yet.");
            return null;
        }
        return callers.runAs(new OperatorCaller("org-tree", rootIds), () -> {
            String start = unitId != null ? unitId : rootIds.iterator().next();
            List<OrgUnit> tree = units.treeAt(start, at == null ? null : LocalDate.parse(at));
            int base = tree.isEmpty() ? 0 : tree.get(0).depth();
            Map<String, UnitSummary> counts = new HashMap<>();
            for (OrgUnit u : tree) {
                if (u.depth() - base > depth) {
                    continue;
                }
                UnitSummary s = counts.computeIfAbsent(u.id(), id -> u.validTo() == null ? units.summary(id) : null);
                String figures = s == null ? "(closed)" : String.format("%,d members, %,d installed, %,d registered", s.activeMembers(),
                        s.appInstalled(), s.accountRegistered());
                System.out.printf("%s%s  %s  [%s]  %s%n", "  ".repeat(u.depth() - base), u.code(), u.name(), u.typeCode(), figures);
            }
            return null;
        });
    }
}
