package org.sotay.core.api.persistence;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * What a module's transaction writes beside its own rows: its audit lines and its outbox events,
 * on the JDBC connection of that transaction, so they commit or roll back with the change. One
 * call per transaction gives the writer:
 *
 * <pre>
 * jpa.txExpr(TransactionType.Required, em -&gt; {
 *     ...
 *     Journal.Entries log = journal.in("sample", em.unwrap(Connection.class));
 *     log.event(SampleEvents.NOTICE_PUBLISHED, Map.of("id", n.id, "units", new String[] { n.unitId }));
 *     log.audit("notice.publish", "notice", n.id, n.unitId, "'" + n.title + "'");
 *     return n.toDto();
 * });
 * </pre>
 *
 * The caller, client address and request id of the audit line come from the current request
 * (or the caller a job runs as); the time from the deployment's clock.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Journal {
    /** The writer for one transaction of {@code module}. */
    Entries in(String module, Connection transaction);

    /** Audit lines and events of one transaction. */
    @org.osgi.annotation.versioning.ProviderType
    interface Entries {
        /**
         * An audit line: {@code action} ({@code member.transfer}) on {@code targetType}/{@code targetId},
         * acting in {@code unitId} (its lineage is looked up); a short plain {@code summary}, never a
         * secret.
         */
        Entries audit(String action, String targetType, String targetId, String unitId, String summary);

        /** The same with the unit's lineage known already (the registry knows it; nothing is looked up). */
        Entries audit(String action, String targetType, String targetId, String unitId, List<String> unitLineage, String summary);

        /**
         * Queues {@code topic} with {@code properties} ({@code String}, {@code String[]}, {@code Long},
         * {@code Integer}, {@code Boolean}); delivered after the commit, at least once. Returns the event id.
         */
        String event(String topic, Map<String, ?> properties);
    }
}
