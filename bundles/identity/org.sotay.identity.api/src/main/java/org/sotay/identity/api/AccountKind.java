package org.sotay.identity.api;

/** Who an account belongs to. */
public enum AccountKind {
    /** A party member; the username is the party card number. */
    MEMBER,
    /** A staff member or volunteer with an account name. */
    STAFF,
    /** An integrator's API client, signing in with client credentials. */
    CLIENT
}
