package org.sotay.sample.sms.internal;

/**
 * A failed attempt. notify retries every failed attempt with back-off; {@link #permanent()} ones (the
 * gateway refused the request itself: 4xx, or no number to send to) say so in their message, so an
 * operator reading {@code sotay:notify-failures} knows retrying will not help until something is fixed.
 * The message never holds a phone number in full.
 */
final class SmsException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean permanent;

    private SmsException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    static SmsException temporary(String message, Throwable cause) {
        return new SmsException(message, false, cause);
    }

    static SmsException permanent(String message) {
        return new SmsException("permanent failure, not helped by a retry: " + message, true, null);
    }

    boolean permanent() {
        return permanent;
    }
}
