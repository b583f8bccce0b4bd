package org.sotay.identity.api.recipients;

import java.util.List;

/**
 * The accounts to address a message to, by where they sit in the tree. Locked accounts and grants not
 * in force today are left out. Ids only, in a stable order.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Recipients {
    /**
     * Accounts holding {@code permission} through a role granted at {@code unitId} itself
     * ({@code exactly}: "the secretary of cell C", "the staff of committee U"), or at the unit or any of
     * its ancestors ({@code exactly} false: everyone whose scope covers the unit). The implicit
     * {@code MEMBER} role of members is not counted here: use {@link #membersOf}.
     */
    List<String> holding(String permission, String unitId, boolean exactly);

    /** The accounts of the members whose cell is {@code unitId} or lies below it. */
    List<String> membersOf(String unitId);
}
