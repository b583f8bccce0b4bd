package org.sotay.core.api.persistence;

import org.osgi.framework.Bundle;

/**
 * Applies a module's pending schema migrations to the Sotay database.
 *
 * <p>Scripts are bundle entries {@code <path>/V<n>__<description>.sql}, applied in order of
 * {@code n}, each in its own transaction together with its row in the history table; a script
 * {@code V<n>__<description>.<dialect>.sql} ({@code derby}, {@code postgresql}) replaces the
 * generic one on that database. An applied script must never change: its checksum is kept, and
 * a changed one stops the module with an error. Concurrent nodes are serialised by a lock row,
 * so each script runs once in a cluster.
 */
@org.osgi.annotation.versioning.ProviderType
public interface SchemaMigrator {
    /**
     * Applies what is pending and returns what was done.
     *
     * @param module the owning module ({@code registry}); its history is kept apart from others'
     * @param bundle the bundle holding the scripts
     * @param path the folder of scripts in that bundle, e.g. {@code db/migration}
     * @throws MigrationException when a script fails (its transaction is rolled back) or an
     *         applied script was changed
     */
    MigrationReport migrate(String module, Bundle bundle, String path);

    /** The database product behind the DataSource: {@code derby} or {@code postgresql}. */
    String dialect();
}
