package org.sotay.notify.api;

import java.util.List;

import org.sotay.core.api.Required;

/**
 * A slice of the caller's inbox: the messages after the cursor asked, oldest first; {@code cursor} is
 * the one to ask with next time (the newest given, or the one asked when nothing is new); {@code more}
 * when more are waiting; {@code unread} counts the whole inbox.
 */
public record Inbox(@Required List<Notification> items, long cursor, boolean more, int unread) {
}
