package org.sotay.identity.api;

/**
 * EventAdmin topics of the identity module, delivered through the outbox (an event exists if and only
 * if its change was committed, and arrives at least once); each carries {@link #ACCOUNT_ID} and
 * {@link #EVENT_ID}, and {@link #MEMBER_ID} for member accounts.
 */
public final class IdentityEvents {
    /** A member registered their account in the app. */
    public static final String ACCOUNT_REGISTERED = "org/sotay/identity/account/REGISTERED";
    /** An administrator locked an account (its sessions and tokens are revoked). */
    public static final String ACCOUNT_LOCKED = "org/sotay/identity/account/LOCKED";
    /** An app signed in naming its device (at every such sign-in). */
    public static final String DEVICE_SEEN = "org/sotay/identity/device/SEEN";

    /** The account id ({@code String}). */
    public static final String ACCOUNT_ID = "accountId";
    /** The member the account belongs to ({@code String}); absent for staff accounts without a member. */
    public static final String MEMBER_ID = "memberId";
    /** The event's unique id ({@code String}); the same on every delivery of one event. */
    public static final String EVENT_ID = "eventId";

    private IdentityEvents() {
    }
}
