package org.sotay.registry.impl.commands;

import java.util.Set;

import org.sotay.core.api.security.Caller;

/**
 * The Karaf console's operator, reading the whole tree: the console is already guarded by
 * Karaf's own realm (ssh on localhost, users created deliberately), separate from member accounts.
 */
final class OperatorCaller implements Caller {
    private final Set<String> roots;
    private final String name;
    private final Set<String> permissions;

    /** Reads the whole tree. */
    OperatorCaller(String name, Set<String> roots) {
        this(name, roots, Set.of("registry.read"));
    }

    OperatorCaller(String name, Set<String> roots, Set<String> permissions) {
        this.roots = roots;
        this.name = name;
        this.permissions = permissions;
    }

    @Override
    public String subject() {
        return "console:" + name;
    }

    @Override
    public String displayName() {
        return "Karaf console (" + name + ")";
    }

    @Override
    public Set<String> unitsFor(String permission) {
        return permissions.contains(permission) ? roots : Set.of();
    }
}
