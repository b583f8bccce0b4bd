package org.sotay.identity.impl.internal;

import java.util.Set;

import org.sotay.core.api.security.Caller;

/** The identity module itself (or the console) acting with a few permissions at given units. */
final class SystemCaller implements Caller {
    private final String name;
    private final Set<String> units;
    private final Set<String> permissions;

    SystemCaller(String name, Set<String> units, Set<String> permissions) {
        this.name = name;
        this.units = units;
        this.permissions = permissions;
    }

    @Override
    public String subject() {
        return "system:" + name;
    }

    @Override
    public String displayName() {
        return name;
    }

    @Override
    public Set<String> unitsFor(String permission) {
        for (String p : permissions) {
            if (Settings.covers(p, permission)) {
                return units;
            }
        }
        return Set.of();
    }
}
