package org.sotay.identity.api;

/** Permissions of the identity module, held at an org unit and covering its subtree. */
public final class IdentityPermissions {
    /** See the accounts whose home unit is in the subtree. */
    public static final String ACCOUNT_READ = "identity.account.read";
    /** Create staff accounts, lock and unlock accounts in the subtree. */
    public static final String ACCOUNT_MANAGE = "identity.account.manage";
    /** Issue activation and password-reset codes to members of the subtree. */
    public static final String CODE_ISSUE = "identity.code.issue";
    /** Grant and revoke roles at units of the subtree (never a role with more than the granter holds there). */
    public static final String GRANT_MANAGE = "identity.grant.manage";

    private IdentityPermissions() {
    }
}
