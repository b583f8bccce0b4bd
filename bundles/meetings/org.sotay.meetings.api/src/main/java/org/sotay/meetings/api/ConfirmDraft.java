package org.sotay.meetings.api;

import java.time.LocalDate;

/**
 * The one call of a month: confirm the proposal for {@code month} ({@code yyyy-MM}; default: the next
 * month without a meeting), or move it in the same call by sending another {@code date} and/or
 * {@code time}, venue or title.
 */
public record ConfirmDraft(String month, LocalDate date, String time, String venueId, String title) {
}
