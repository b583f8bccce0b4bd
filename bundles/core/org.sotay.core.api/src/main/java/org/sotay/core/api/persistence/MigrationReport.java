package org.sotay.core.api.persistence;

import java.util.List;

/** What one {@link SchemaMigrator#migrate} call did. */
public final class MigrationReport {
    private final String module;
    private final int currentVersion;
    private final List<String> applied;

    public MigrationReport(String module, int currentVersion, List<String> applied) {
        this.module = module;
        this.currentVersion = currentVersion;
        this.applied = List.copyOf(applied);
    }

    public String module() {
        return module;
    }

    /** The highest applied version after the call (0 when the module has no scripts). */
    public int currentVersion() {
        return currentVersion;
    }

    /** Scripts applied by this call, in order; empty when the schema was up to date. */
    public List<String> applied() {
        return applied;
    }

    @Override
    public String toString() {
        return module + "@V" + currentVersion + (applied.isEmpty() ? " (up to date)" : " applied " + applied);
    }
}
