package org.sotay.meetings.api;

import java.util.List;

import org.sotay.core.api.Required;

/** The minutes of one agenda item: who spoke (names), the chair's conclusions, the decisions. */
public record MinutesItemDraft(String agendaItemId, @Required String title, List<String> speakers, String conclusions,
        List<DecisionDraft> decisions) {
    public static final int CONCLUSIONS_MAX = 20000;
    public static final int SPEAKER_MAX = 200;
}
