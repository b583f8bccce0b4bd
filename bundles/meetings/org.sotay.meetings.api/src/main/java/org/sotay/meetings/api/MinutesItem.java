package org.sotay.meetings.api;

import java.util.List;

import org.sotay.core.api.Required;

/** The minutes of one agenda item. */
public record MinutesItem(String agendaItemId, @Required String title, @Required List<String> speakers, String conclusions,
        @Required List<Decision> decisions) {
}
