package org.sotay.meetings.api;

import java.util.List;

import org.sotay.core.api.Required;

/** One agenda item: its title and, optionally, the handbook items that are its documents (at most 20). */
public record AgendaItemDraft(@Required String title, List<String> documentIds) {
    public static final int TITLE_MAX = 500;
    public static final int DOCUMENTS_MAX = 20;
}
