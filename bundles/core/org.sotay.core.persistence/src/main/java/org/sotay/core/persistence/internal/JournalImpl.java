package org.sotay.core.persistence.internal;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.audit.AuditEntry;
import org.sotay.core.api.audit.AuditTrail;
import org.sotay.core.api.events.EventOutbox;
import org.sotay.core.api.persistence.Journal;

/** The {@link Journal}: audit lines and outbox events on one module transaction's connection. */
@Component(service = Journal.class)
public class JournalImpl implements Journal {
    private final AuditTrail audit;
    private final EventOutbox outbox;

    @Activate
    public JournalImpl(@Reference AuditTrail audit, @Reference EventOutbox outbox) {
        this.audit = audit;
        this.outbox = outbox;
    }

    @Override
    public Entries in(String module, Connection transaction) {
        if (module == null || !module.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("bad module name: " + module);
        }
        return new Entries() {
            @Override
            public Entries audit(String action, String targetType, String targetId, String unitId, String summary) {
                audit.record(transaction, new AuditEntry(module, action, targetType, targetId, unitId, null, summary));
                return this;
            }

            @Override
            public Entries audit(String action, String targetType, String targetId, String unitId, List<String> unitLineage, String summary) {
                audit.record(transaction, new AuditEntry(module, action, targetType, targetId, unitId, unitLineage, summary));
                return this;
            }

            @Override
            public String event(String topic, Map<String, ?> properties) {
                return outbox.publish(transaction, topic, properties);
            }
        };
    }
}
