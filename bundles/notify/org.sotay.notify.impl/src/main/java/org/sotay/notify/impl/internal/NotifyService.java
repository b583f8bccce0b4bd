package org.sotay.notify.impl.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.core.api.security.OrgTree;
import org.sotay.identity.api.recipients.Recipients;

/**
 * The notify module's engine: takes the events of the meetings and handbook modules by topic (the work
 * goes to the scheduler, so the handler returns at once), and runs the reminders, the close-the-loop
 * check and the channel deliveries as schedules once in the cluster. A failing channel only delays its
 * own deliveries: nothing else waits for it.
 */
@Component(service = EventHandler.class, immediate = true, configurationPid = NotifyConfig.PID, property = { EventConstants.EVENT_TOPIC + "=org/sotay/meetings/meeting/*",
        EventConstants.EVENT_TOPIC + "=org/sotay/handbook/item/PUBLISHED", EventConstants.EVENT_TOPIC + "=org/sotay/handbook/feedback/ANSWERED" })
public class NotifyService implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyService.class);
    private final Scheduler scheduler;
    private final NotifySettings settings;
    private final Consumer consumer;
    private final Jobs jobs;
    private final List<Scheduler.Handle> handles = new ArrayList<>();

    @Activate
    public NotifyService(@Reference NotifySchema schema, @Reference(target = "(osgi.unit.name=sotay-notify)") JpaTemplate jpa,
            @Reference Recipients recipients, @Reference OrgTree tree, @Reference NotifySettings settings, @Reference Channels channels,
            @Reference Scheduler scheduler, @Reference java.time.Clock clock) {
        this.scheduler = scheduler;
        this.settings = settings;
        Messages messages = new Messages(settings, clock);
        this.consumer = new Consumer(jpa, recipients, tree, messages, clock);
        this.jobs = new Jobs(jpa, recipients, tree, messages, settings, channels, clock);
        schedule();
    }

    /** The schedules of the three jobs, each once in the cluster. */
    static List<Schedule> schedules(NotifyConfig c) {
        return List.of(Schedule.onceInCluster("notify.reminders", Duration.ofSeconds(Math.max(5, c.reminderSeconds()))).after(Duration.ofSeconds(20)),
                Schedule.onceInCluster("notify.close-the-loop", Duration.ofMinutes(Math.max(1, c.closeTheLoopMinutes()))).after(Duration.ofMinutes(1)),
                Schedule.onceInCluster("notify.deliveries", Duration.ofSeconds(Math.max(1, c.deliverySeconds()))).after(Duration.ofSeconds(15)));
    }

    private synchronized void schedule() {
        List<Schedule> s = schedules(settings.config());
        handles.add(scheduler.schedule(s.get(0), control -> jobs.remind()));
        handles.add(scheduler.schedule(s.get(1), control -> {
            int[] sent = jobs.closeTheLoop();
            if (sent[0] + sent[1] > 0) {
                LOG.info("Close the loop: {} secretaries reminded, {} committee summaries sent", sent[0], sent[1]);
            }
        }));
        handles.add(scheduler.schedule(s.get(2), control -> jobs.deliver()));
    }

    @Modified
    synchronized void modified() {
        handles.forEach(Scheduler.Handle::cancel);
        handles.clear();
        schedule();
    }

    @Deactivate
    synchronized void stop() {
        handles.forEach(Scheduler.Handle::cancel);
        handles.clear();
    }

    @Override
    public void handleEvent(Event event) {
        scheduler.execute("notify.events", control -> {
            try {
                consumer.handle(event);
            } catch (RuntimeException e) {
                LOG.warn("Event {} ({}) not turned into messages: {}", event.getProperty("eventId"), event.getTopic(), e.toString());
                throw e;
            }
        });
    }

    Jobs jobs() {
        return jobs;
    }
}
