package org.sotay.meetings.api;

/** A member's check-in: the meeting's short {@code code} as read out at the opening, or the {@code qr} payload scanned from the secretary's screen. */
public record CheckIn(String code, String qr) {
}
