package org.sotay.handbook.api;

import java.util.List;

import org.sotay.core.api.Required;

/**
 * A page of the delta feed. Send {@code next} as {@code since} for the next page or the next sync;
 * {@code more} says another page is waiting now. {@code reset} means the reader's audience changed (a
 * transfer, a new role) or the cursor was from before it: drop the local copy and keep these entries.
 */
public record Changes(@Required List<ChangeEntry> items, @Required String next, boolean more, boolean reset) {
}
