package org.sotay.meetings.api;

import org.sotay.core.api.Required;

/** One member's recorded vote. */
public record VoteDraft(@Required String memberId, @Required Choice choice) {
}
