package org.sotay.meetings.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/** The signed value the secretary's screen shows as a QR code; it checks members in from {@code validFrom} until {@code validUntil} only. */
public record QrCode(@Required String payload, @Required Instant validFrom, @Required Instant validUntil) {
}
