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
        return callers.runAs(new Operator("handbook-publish", tree), () -> {
            Item current = editor.get(id);
            Item done = editor.publish(id, at == null ? null : Instant.parse(at), current.version());
            System.out.printf("%s: %s (%s)%n", done.id(), done.status(), done.title());
            return null;
        });
    }
}
