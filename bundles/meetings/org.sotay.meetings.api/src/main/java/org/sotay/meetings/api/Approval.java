package org.sotay.meetings.api;

import org.sotay.core.api.Required;

/** Approves the draft of this {@code version} (the one the secretary read back to the cell). */
public record Approval(@Required Long version) {
}
