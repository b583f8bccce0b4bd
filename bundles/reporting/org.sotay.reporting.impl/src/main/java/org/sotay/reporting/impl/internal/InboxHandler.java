package org.sotay.reporting.impl.internal;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.sotay.handbook.api.HandbookEvents;
import org.sotay.meetings.api.MeetingEvents;
import org.sotay.registry.api.RegistryEvents;

/**
 * Takes the registry's, the meetings module's and the handbook's events as the outbox delivers them (synchronously, once committed) and
 * writes what they ask to look at again into the inbox, in the delivery's own short transaction:
 * an event is "delivered" only once its inbox rows are there, so a node dying after that loses
 * nothing. The work itself is the {@link Aggregator}'s.
 */
@Component(service = EventHandler.class, property = { EventConstants.EVENT_TOPIC + "=org/sotay/registry/*",
        EventConstants.EVENT_TOPIC + "=org/sotay/meetings/meeting/*", EventConstants.EVENT_TOPIC + "=org/sotay/handbook/item/*" })
public class InboxHandler implements EventHandler {
    private final JpaTemplate jpa;
    private final Clock clock;
    private final Aggregator aggregator;

    @Activate
    public InboxHandler(@Reference ReportingSchema schema, @Reference(target = "(osgi.unit.name=sotay-reporting)") JpaTemplate jpa,
            @Reference Clock clock, @Reference Aggregator aggregator) {
        this.jpa = jpa;
        this.clock = clock;
        this.aggregator = aggregator;
    }

    /** Outside OSGi. */
    InboxHandler(JpaTemplate jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
        this.aggregator = null;
    }

    @Override
    public void handleEvent(Event event) {
        Set<String> items = items(event);
        Object id = event.getProperty(RegistryEvents.EVENT_ID);
        if (items.isEmpty() || id == null) {
            return;
        }
        jpa.tx(TransactionType.Required, em -> Aggregation.sql(() -> Inbox.record(Aggregation.connection(em), id.toString(), event.getTopic(),
                items, clock.millis())));
        if (aggregator != null) {
            aggregator.poke();
        }
    }

    /** What an event asks reporting to read again. */
    static Set<String> items(Event event) {
        Set<String> items = new LinkedHashSet<>();
        String id = string(event.getProperty(RegistryEvents.ID));
        String[] units = event.getProperty(RegistryEvents.UNITS) instanceof String[] u ? u : new String[0];
        switch (event.getTopic()) {
            case RegistryEvents.MEMBER_CREATED, RegistryEvents.MEMBER_UPDATED, RegistryEvents.MEMBER_STATUS_CHANGED,
                    RegistryEvents.MEMBER_TRANSFERRED -> {
                if (id != null) {
                    items.add(Inbox.MEMBER + id);
                }
            }
            case RegistryEvents.MEMBERS_IMPORTED -> {
                for (String u : units) {
                    items.add(Inbox.CELL + u);
                }
            }
            case RegistryEvents.UNIT_CREATED -> items.add(Inbox.TREE + (id == null ? "" : id));
            case RegistryEvents.UNIT_RESTRUCTURED -> {
                items.add(Inbox.TREE + (id == null ? "" : id));
                for (String u : units) {
                    items.add(Inbox.CELL + u); // a merge or split moves members between these cells without events of their own
                }
                if (units.length == 2) {
                    items.add(Inbox.SUCCESSOR + units[0] + ">" + units[1]); // a merge: the source's successor (applied only if it closed)
                }
            }
            case MeetingEvents.SCHEDULED, MeetingEvents.MOVED, MeetingEvents.CANCELLED, MeetingEvents.HELD, MeetingEvents.ATTENDANCE_UPDATED,
                    MeetingEvents.MINUTES_APPROVED, MeetingEvents.RECORDED_ON_PAPER -> {
                if (id != null) {
                    items.add(Inbox.MEETING + id);
                }
            }
            case HandbookEvents.ITEM_PUBLISHED, HandbookEvents.ITEM_UPDATED, HandbookEvents.ITEM_WITHDRAWN -> {
                if (id != null) {
                    items.add(Inbox.ITEM + id);
                }
            }
            case HandbookEvents.ITEM_READ -> {
                String member = string(event.getProperty(HandbookEvents.MEMBER));
                if (id != null && member != null) {
                    items.add(Inbox.READ + id + ":" + member);
                }
            }
            default -> {
                // a topic reporting does not count
            }
        }
        items.removeIf(s -> s.length() > 80);
        return items;
    }

    private static String string(Object o) {
        return o == null || o.toString().isEmpty() ? null : o.toString();
    }
}
