package org.sotay.registry.impl.commands;

import java.time.LocalDate;
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
import org.sotay.registry.api.RegistryPermissions;
import org.sotay.registry.api.UnitDraft;

/**
 * {@code sotay:org-root-create <code> <name...>}: the root of the organization tree (the provincial
 * party committee) in a new deployment, the one unit nobody can create over the API because no
 * account exists before it. Refused once any unit exists.
 */
@Service
@Command(scope = "sotay", name = "org-root-create", description = "Tạo đơn vị gốc / Create the root unit of a new deployment")
public class OrgRootCreateCommand implements Action {
    @Reference
    OrgUnitService units;
    @Reference
    CallerContext callers;
    @Reference
    RegistryRoots roots;

    @Argument(index = 0, name = "code", description = "Unit code (ASCII letters, digits, '.', '_', '-'), e.g. TQ", required = true)
    String code;

    @Argument(index = 1, name = "name", description = "Name, e.g. Đảng bộ tỉnh Tuyên Quang", required = true, multiValued = true)
    java.util.List<String> name;

    @Option(name = "-t", aliases = "--type", description = "Unit type code (default PROVINCE)")
    String type = "PROVINCE";

    @Option(name = "-f", aliases = "--from", description = "Founded on (YYYY-MM-DD, default today)")
    String from;

    @Override
    public Object execute() throws Exception {
        if (!roots.rootIds().isEmpty()) {
            System.err.println("Đã có đơn vị gốc / The tree already has a root: " + roots.rootIds());
            return null;
        }
        // the console creates the first unit of an empty tree; the service refuses if any unit exists
        OperatorCaller operator = new OperatorCaller("org-root-create", Set.of("console"), Set.of(RegistryPermissions.UNIT_WRITE));
        OrgUnit root = callers.runAs(operator, () -> units.create(new UnitDraft(code, String.join(" ", name), type, null,
                from == null ? null : LocalDate.parse(from), null, null)));
        System.out.println("Đã tạo / Created: " + root.code() + " " + root.name() + " (" + root.id() + ")");
        return null;
    }
}
