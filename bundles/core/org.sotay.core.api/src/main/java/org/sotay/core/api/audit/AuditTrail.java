package org.sotay.core.api.audit;

import java.sql.Connection;
import java.util.function.Consumer;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/**
 * The append-only audit trail of every write in every module. A module records its change on the
 * JDBC connection of its own transaction (with EclipseLink: {@code em.unwrap(Connection.class)}
 * inside the transaction), so the line is committed, or rolled back, with the change itself.
 * Reading is limited to the subtrees where the caller holds {@link #READ}.
 */
@org.osgi.annotation.versioning.ProviderType
public interface AuditTrail {
    /** Read the audit trail of a subtree. */
    String READ = "audit.read";

    /**
     * Appends {@code entry}, stamped with the current caller, client and time, through
     * {@code transaction} (not committed here).
     */
    void record(Connection transaction, AuditEntry entry);

    /** Newest first, within the caller's scope. */
    Page<AuditRecord> find(AuditQuery query, PageRequest page);

    /** Every matching record within the caller's scope, oldest first, streamed: for exports. */
    void forEach(AuditQuery query, Consumer<AuditRecord> sink);
}
