package org.sotay.handbook.impl.commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.handbook.api.ReadingRates;
import org.sotay.handbook.api.ReadingService;
import org.sotay.handbook.api.UnitRate;

/** {@code sotay:handbook-rates <item> [unit]}: reading of a mandatory item at a unit (default the root) and its children. */
@Service
@Command(scope = "sotay", name = "handbook-rates", description = "Tỷ lệ đọc tài liệu bắt buộc / Reading rates of a mandatory item")
public class RatesCommand implements Action {
    @Reference
    ReadingService reading;
    @Reference
    CallerContext callers;
    @Reference
    OrgTree tree;

    @Argument(index = 0, name = "item", required = true, description = "The item id")
    String id;
    @Argument(index = 1, name = "unit", required = false, description = "The unit (default: the root)")
    String unit;

    @Override
    public Object execute() throws Exception {
        return Operator.run("handbook-rates", tree, callers, () -> {
            ReadingRates r = reading.rates(id, unit);
            System.out.printf("Hạn đọc / deadline %s%n", r.deadline());
            print(r.unit(), "");
            for (UnitRate c : r.children()) {
                print(c, "  ");
            }
        });
    }

    private static void print(UnitRate u, String indent) {
        System.out.printf("%s%-40s %6s / %-6s %4s   tự đọc / self %d, đọc hộ / on behalf %d%n", indent, u.unitName(), u.read(),
                u.expected() == null ? "-" : u.expected().toString(), u.percent() == null ? "-" : u.percent() + "%", u.selfRead(), u.onBehalf());
    }
}
