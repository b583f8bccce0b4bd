package org.sotay.meetings.api;

import java.util.List;

import org.sotay.core.api.Required;

/** An agenda item of a meeting, with its documents and whether each was posted to the cell in time. */
public record AgendaItem(@Required String id, int position, @Required String title, @Required List<Document> documents) {
}
