package org.sotay.handbook.impl.commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.handbook.api.EditorService;
import org.sotay.handbook.api.Item;

/** {@code sotay:handbook-withdraw <item> <reason>}: withdraws a published or scheduled item. */
@Service
@Command(scope = "sotay", name = "handbook-withdraw", description = "Thu hồi tài liệu / Withdraw a handbook item")
public class WithdrawCommand implements Action {
    @Reference
    EditorService editor;
    @Reference
    CallerContext callers;
    @Reference
    OrgTree tree;

    @Argument(index = 0, name = "item", required = true, description = "The item id")
    String id;
    @Argument(index = 1, name = "reason", required = true, multiValued = true, description = "Why (kept in the audit trail)")
    java.util.List<String> reason;

    @Override
    public Object execute() throws Exception {
        return Operator.run("handbook-withdraw", tree, callers, () -> {
            Item current = editor.get(id);
            Item done = editor.withdraw(id, String.join(" ", reason), current.version());
            System.out.printf("%s: %s (%s)%n", done.id(), done.status(), done.title());
        });
    }
}
