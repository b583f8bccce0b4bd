package org.sotay.meetings.api;

import java.util.List;

import org.sotay.core.api.Required;

/**
 * A decision put to the vote: named {@code votes}, or a {@code tally} of a show of hands (one of them, or
 * neither if not voted yet). {@code id} keeps a decision's id when a draft is saved again (absent: a new one).
 */
public record DecisionDraft(String id, @Required String text, List<VoteDraft> votes, Tally tally) {
    public static final int TEXT_MAX = 2000;
}
