package org.sotay.notify.impl.commands;

import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.notify.api.Delivery;
import org.sotay.notify.api.InboxService;

/** {@code sotay:notify-failures [-n 20] [-r <id>]}: the deliveries that failed for good (over the whole tree), newest first; {@code -r} retries one. */
@Service
@Command(scope = "sotay", name = "notify-failures", description = "Thông báo gửi không được / Deliveries that failed")
public class NotifyFailuresCommand implements Action {
    @Reference
    InboxService inbox;
    @Reference
    CallerContext callers;
    @Reference
    OrgTree tree;

    @Option(name = "-n", description = "How many to list (at most 200)")
    int count = 20;

    @Option(name = "-r", description = "Retry this delivery from the start")
    String retry;

    @Override
    public Object execute() throws Exception {
        Caller operator = new Caller() {
            @Override
            public String subject() {
                return "system:console:notify-failures";
            }

            @Override
            public String displayName() {
                return "console";
            }

            @Override
            public Set<String> unitsFor(String permission) {
                return Set.copyOf(tree.roots());
            }
        };
        if (retry != null) {
            Delivery d = callers.runAs(operator, () -> inbox.retry(retry));
            System.out.println("Gửi lại / Retrying: " + d.id() + " " + d.channel() + " " + d.state());
            return null;
        }
        Page<Delivery> page = callers.runAs(operator, () -> inbox.failures(PageRequest.of(0, Math.max(1, Math.min(200, count)))));
        System.out.println(page.getTotal() + " lần gửi thất bại / failed deliveries");
        for (Delivery d : page.getItems()) {
            System.out.println(d.createdAt() + "  " + d.channel() + "  " + d.kind() + "  " + d.attempts() + "x  " + d.id() + "  " + d.lastError());
        }
        return null;
    }
}
