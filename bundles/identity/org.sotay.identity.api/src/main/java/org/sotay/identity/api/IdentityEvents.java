package org.sotay.identity.api;

/** EventAdmin topics the identity module posts after a change is committed; each carries {@link #ACCOUNT_ID} and {@link #EVENT_ID}. */
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
