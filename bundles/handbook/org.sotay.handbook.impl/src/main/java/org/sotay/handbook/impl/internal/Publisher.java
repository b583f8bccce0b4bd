package org.sotay.handbook.impl.internal;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.handbook.api.HandbookEvents;
import org.sotay.handbook.api.ItemStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled publication: once in the cluster (the lease {@code handbook.publisher}), every 15 s, items whose time
 * has come become published, each in its own transaction with its event and audit line.
 */
@Component(service = Publisher.class, immediate = true)
public class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    static final Caller SYSTEM = new Caller() {
        @Override
        public String subject() {
            return "system:handbook.publisher";
        }

        @Override
        public String displayName() {
            return "Handbook scheduled publication";
        }

        @Override
        public Set<String> unitsFor(String permission) {
            return Set.of();
        }
    };

    private final JpaTemplate jpa;
    private final CallerContext callers;
    private final Journal journal;
    private final Clock clock;
    private final Scheduler.Handle handle;

    @Activate
    public Publisher(@Reference HandbookSchema schema, @Reference(target = "(osgi.unit.name=sotay-handbook)") JpaTemplate jpa,
            @Reference CallerContext callers, @Reference Journal journal, @Reference Clock clock, @Reference Scheduler scheduler) {
        this.jpa = jpa;
        this.callers = callers;
        this.journal = journal;
        this.clock = clock;
        this.handle = scheduler.schedule(Schedule.onceInCluster("handbook.publisher", Duration.ofSeconds(15)).after(Duration.ofSeconds(5)),
                c -> publishDue());
    }

    Publisher(JpaTemplate jpa, CallerContext callers, Journal journal, Clock clock) {
        this.jpa = jpa;
        this.callers = callers;
        this.journal = journal;
        this.clock = clock;
        this.handle = null;
    }

    @Deactivate
    void stop() {
        if (handle != null) {
            handle.cancel();
        }
    }

    /** Publishes every scheduled item whose time has come; how many. */
    int publishDue() throws Exception {
        long now = clock.millis();
        List<String> due = jpa.txExpr(TransactionType.Required, em -> Sql.query(em.unwrap(Connection.class),
                "SELECT ID FROM HBK_ITEM WHERE STATUS = 'SCHEDULED' AND PUBLISH_AT_MS <= ? ORDER BY PUBLISH_AT_MS", rs -> rs.getString(1), now));
        int n = 0;
        for (String id : due) {
            Boolean done = callers.runAs(SYSTEM, () -> jpa.txExpr(TransactionType.Required, em -> {
                ItemEntity e = em.find(ItemEntity.class, id);
                if (e == null || !ItemStatus.SCHEDULED.name().equals(e.status)) {
                    return false; // withdrawn or published meanwhile
                }
                Connection c = em.unwrap(Connection.class);
                EditorServiceImpl.makePublished(c, e, clock.millis());
                em.flush();
                Items.index(c, e);
                Journal.Entries log = journal.in(HandbookSchema.MODULE, c);
                log.event(HandbookEvents.ITEM_PUBLISHED, Items.event(c, e));
                log.audit("item.publish", "item", e.id, e.ownerUnitId, "'" + e.title + "' at its scheduled time");
                return true;
            }));
            if (Boolean.TRUE.equals(done)) {
                n++;
            }
        }
        if (n > 0) {
            LOG.info("Đã phát hành {} tài liệu theo lịch / Published {} scheduled items", n, n);
        }
        return n;
    }
}
