package org.sotay.core.persistence.internal;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

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
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.api.jobs.Scheduler;

/**
 * The {@link EventOutbox}: entries are sent synchronously on EventAdmin (so "delivered" means
 * every handler has run) by the cluster-wide schedule {@code core.outbox}, every half second and
 * shortly after each publication on the node that holds it; each entry is also claimed on its own,
 * so even two dispatching nodes would deliver it once.
 */
@Component(service = { EventOutbox.class, OutboxDispatcher.class }, immediate = true)
public class OutboxDispatcher implements EventOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    static final String SCHEDULE = "core.outbox";

    private final Outbox outbox;
    private final Scheduler.Handle handle;
    private volatile long lastPurge;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin events;

    @Activate
    public OutboxDispatcher(@Reference CoreSchema schema, @Reference(target = "(osgi.jndi.service.name=sotay)") DataSource dataSource,
            @Reference Scheduler scheduler, @Reference Clock clock) {
        this.clock = clock;
        this.outbox = new Outbox(dataSource, scheduler.node(), clock);
        this.handle = scheduler.schedule(Schedule.onceInCluster(SCHEDULE, Duration.ofMillis(500)).after(Duration.ofSeconds(1)), c -> run());
    }

    @Deactivate
    void stop() {
        handle.cancel();
    }

    @Override
    public String publish(Connection transaction, String topic, Map<String, ?> properties) {
        String id = outbox.publish(transaction, topic, properties);
        // the transaction commits in a moment: look again soon rather than at the next tick
        handle.runSoon();
        return id;
    }

    Outbox outbox() {
        return outbox;
    }

    private void run() throws Exception {
        EventAdmin admin = events;
        if (admin == null) {
            return;
        }
        while (outbox.dispatch(admin::sendEvent, 200) == 200) {
            // a backlog: keep going
        }
        long now = clock.millis();
        if (now - lastPurge > 3_600_000) {
            lastPurge = now;
            int purged = outbox.purge();
            if (purged > 0) {
                LOG.info("Outbox: forgot {} events delivered more than a week ago", purged);
            }
        }
    }
}
