package org.sotay.handbook.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/** A reader's private note on an item (nobody else reads it). */
public record Note(@Required String itemId, @Required String text, @Required Instant updatedAt, long version) {
    public static final int TEXT_MAX = 4000;
}
