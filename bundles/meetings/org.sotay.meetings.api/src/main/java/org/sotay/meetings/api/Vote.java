package org.sotay.meetings.api;

import org.sotay.core.api.Required;

/** One member's vote, by name. */
public record Vote(@Required String memberId, @Required String fullName, @Required Choice choice) {
}
