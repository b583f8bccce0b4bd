package org.sotay.core.persistence.internal;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.events.EventOutbox;

/**
 * The {@link EventOutbox}: entries are sent synchronously on EventAdmin (so "delivered" means
 * every handler has run) by a single thread per node, every half second and shortly after each
 * publication; with several nodes each entry is claimed by one of them.
 */
@Component(service = EventOutbox.class)
public class OutboxDispatcher implements EventOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Outbox outbox;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sotay-outbox");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean nudged = new AtomicBoolean();
    private long lastPurge;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin events;

    @Activate
    public OutboxDispatcher(@Reference CoreSchema schema, @Reference(target = "(osgi.jndi.service.name=sotay)") DataSource dataSource) {
        this.outbox = new Outbox(dataSource, Outbox.nodeName());
        thread.scheduleWithFixedDelay(this::run, 1, 500, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        thread.shutdownNow();
    }

    @Override
    public String publish(Connection transaction, String topic, Map<String, ?> properties) {
        String id = Outbox.publish(transaction, topic, properties);
        // the transaction commits in a moment: look again soon rather than at the next tick
        if (nudged.compareAndSet(false, true)) {
            thread.schedule(() -> {
                nudged.set(false);
                run();
            }, 50, TimeUnit.MILLISECONDS);
        }
        return id;
    }

    private synchronized void run() {
        EventAdmin admin = events;
        if (admin == null) {
            return;
        }
        try {
            while (outbox.dispatch(admin::sendEvent, 200) == 200) {
                // a backlog: keep going
            }
            long now = System.currentTimeMillis();
            if (now - lastPurge > 3_600_000) {
                lastPurge = now;
                int purged = outbox.purge();
                if (purged > 0) {
                    LOG.info("Outbox: forgot {} events delivered more than a week ago", purged);
                }
            }
        } catch (Exception e) {
            LOG.warn("Outbox dispatch failed, will retry: {}", e.toString());
        }
    }
}
