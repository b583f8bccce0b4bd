package org.sotay.handbook.impl.commands;

import java.util.LinkedHashSet;
import java.util.Set;

import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.OrgTree;

/**
 * The Karaf console's operator (Karaf's own realm guards the console, apart from member accounts): the
 * handbook's permissions and registry reads over the whole tree, so its lines in the audit trail name the console.
 */
final class Operator implements Caller {
    private final String command;
    private final Set<String> roots;

    Operator(String command, OrgTree tree) {
        this.command = command;
        this.roots = new LinkedHashSet<>(tree.roots());
    }

    @Override
    public String subject() {
        return "console:" + command;
    }

    @Override
    public String displayName() {
        return "Karaf console (" + command + ")";
    }

    @Override
    public Set<String> unitsFor(String permission) {
        return permission.startsWith("handbook.") || permission.equals("registry.read") ? roots : Set.of();
    }
}
