package org.sotay.handbook.impl.commands;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.handbook.api.EditorService;
import org.sotay.handbook.api.Item;

/** {@code sotay:handbook-publish <item> [-a instant]}: publishes a draft now or at a time (ISO instant). */
@Service
@Command(scope = "sotay", name = "handbook-publish", description = "Phát hành tài liệu / Publish a handbook item")
public class PublishCommand implements Action {
    @Reference
    EditorService editor;
    @Reference
    CallerContext callers;
    @Reference
    OrgTree tree;

    @Argument(index = 0, name = "item", required = true, description = "The item id")
    String id;
    @Option(name = "-a", aliases = "--at", description = "Publish at this instant (2026-12-24T01:00:00Z) instead of now")
    String at;

    @Override
    public Object execute() throws Exception {
        return Operator.run("handbook-publish", tree, callers, () -> {
            Instant when;
            try {
                when = at == null ? null : Instant.parse(at);
            } catch (java.time.format.DateTimeParseException e) {
                throw new Operator.Refused(org.sotay.core.api.Text.of("Thời điểm không hợp lệ (ví dụ 2026-12-24T01:00:00Z): " + at,
                        "Not an instant (for example 2026-12-24T01:00:00Z): " + at));
            }
            Item current = editor.get(id);
            Item done = editor.publish(id, when, current.version());
            System.out.printf("%s: %s (%s)%n", done.id(), done.status(), done.title());
        });
    }
}
