package org.sotay.fees.impl.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.sotay.meetings.api.MeetingEvents;

/**
 * Collection at the meeting: the meetings module's {@link MeetingEvents#HELD}, as the platform's outbox
 * delivers it (at least once, after its commit), opens the cell's sheet for the meeting's month. The
 * consumer is idempotent by {@link MeetingEvents#EVENT_ID} ({@code FEE_SEEN}, in the transaction that
 * opens the sheet), as reporting's and notify's are; an event not from the outbox (no id) is ignored.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + MeetingEvents.HELD)
public class MeetingHeld implements EventHandler {
    private final FeeServiceImpl fees;

    @Activate
    public MeetingHeld(@Reference FeeServiceImpl fees) {
        this.fees = fees;
    }

    @Override
    public void handleEvent(Event event) {
        String eventId = string(event.getProperty(MeetingEvents.EVENT_ID));
        String[] units = event.getProperty(MeetingEvents.UNITS) instanceof String[] u ? u : new String[0];
        if (eventId == null || eventId.length() > 64 || units.length == 0) {
            return;
        }
        fees.openFromMeeting(eventId, units[0], string(event.getProperty(MeetingEvents.PERIOD)), string(event.getProperty(MeetingEvents.ID)));
    }

    private static String string(Object o) {
        return o == null || o.toString().isEmpty() ? null : o.toString();
    }
}
