package org.sotay.meetings.api;

import java.util.List;

import org.sotay.core.api.Required;

/**
 * A decision with its computed outcome: {@code eligible} is the denominator (the eligible official
 * members, after the exclusions the configuration names: away, exempt and absent, absent with an
 * approved reason); it {@code passed} when more than half of them voted for it. {@code voted} is
 * false while no vote is recorded.
 */
public record Decision(@Required String id, @Required String text, @Required Tally tally, @Required List<Vote> votes, int eligible,
        int eligiblePresent, boolean voted, boolean passed) {
}
