package org.sotay.handbook.api;

import java.time.Instant;
import java.time.LocalDate;

import org.sotay.core.api.Required;

/**
 * One entry of the delta feed: {@code removed} is a tombstone (withdrawn, or no longer addressed to the
 * reader: drop it), otherwise a compact summary to insert or replace (by {@code id}; newer {@code edition} wins).
 */
public record ChangeEntry(@Required String id, boolean removed, String kind, String title, String summary, boolean mandatory,
        LocalDate deadline, Instant publishedAt, @Required Instant changedAt, int edition, int attachments) {
}
