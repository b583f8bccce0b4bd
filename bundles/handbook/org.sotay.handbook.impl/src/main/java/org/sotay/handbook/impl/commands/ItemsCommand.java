package org.sotay.handbook.impl.commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.handbook.api.EditorQuery;
import org.sotay.handbook.api.EditorService;
import org.sotay.handbook.api.Item;
import org.sotay.handbook.api.ItemStatus;

/** {@code sotay:handbook-items [-s status] [-k kind] [-n max]}: the library's items, last changed first. */
@Service
@Command(scope = "sotay", name = "handbook-items", description = "Liệt kê tài liệu sổ tay / List handbook items")
public class ItemsCommand implements Action {
    @Reference
    EditorService editor;
    @Reference
    CallerContext callers;
    @Reference
    OrgTree tree;

    @Option(name = "-s", aliases = "--status", description = "DRAFT, SCHEDULED, PUBLISHED or WITHDRAWN")
    String status;
    @Option(name = "-k", aliases = "--kind", description = "Only this kind (resolution, news, ...)")
    String kind;
    @Option(name = "-n", aliases = "--max", description = "At most this many (default 50, at most 200)")
    int max = 50;

    @Override
    public Object execute() throws Exception {
        return Operator.run("handbook-items", tree, callers, () -> {
            ItemStatus s = status(status);
            var page = editor.list(new EditorQuery(s, kind, null), PageRequest.first(Math.max(1, Math.min(200, max))));
            for (Item i : page.getItems()) {
                System.out.printf("%s  %-9s %-10s %s%s%n", i.id(), i.status(), i.kind(), i.title(),
                        i.mandatory() ? "  [bắt buộc đọc / mandatory, " + i.deadline() + "]" : "");
            }
            System.out.printf("%d / %d%n", page.getItems().size(), page.getTotal());
        });
    }

    private static ItemStatus status(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return ItemStatus.valueOf(raw.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Operator.Refused(org.sotay.core.api.Text.of("Trạng thái không hợp lệ: " + raw + " (DRAFT, SCHEDULED, PUBLISHED, WITHDRAWN)",
                    "Not a status: " + raw + " (DRAFT, SCHEDULED, PUBLISHED, WITHDRAWN)"));
        }
    }
}
