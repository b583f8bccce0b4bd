package org.sotay.identity.api;

/**
 * EventAdmin topics of the identity module, delivered through the outbox (an event exists if and only
 * if its change was committed, and arrives at least once); each carries {@link #ACCOUNT_ID} and
 * {@link #EVENT_ID}, and {@link #MEMBER_ID} for member accounts.
 */
public final class IdentityEvents {
    public static final String ACCOUNT_REGISTERED = "org/sotay/identity/account/REGISTERED";
    public static final String ACCOUNT_LOCKED = "org/sotay/identity/account/LOCKED";
    public static final String DEVICE_SEEN = "org/sotay/identity/device/SEEN";

    public static final String ACCOUNT_ID = "accountId";
    public static final String MEMBER_ID = "memberId";
    public static final String EVENT_ID = "eventId";

    private IdentityEvents() {
    }
}
