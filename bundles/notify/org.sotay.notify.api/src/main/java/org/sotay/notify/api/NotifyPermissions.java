package org.sotay.notify.api;

/**
 * Permissions of the notify module. A caller's own inbox needs none (any signed-in account has one);
 * the deliveries that failed are for operators.
 */
public final class NotifyPermissions {
    /** See and retry the failed deliveries of the subtree's messages. */
    public static final String MANAGE = "notify.manage";

    private NotifyPermissions() {
    }
}
