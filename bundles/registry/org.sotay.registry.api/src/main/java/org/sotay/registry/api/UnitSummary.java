package org.sotay.registry.api;

import org.sotay.core.api.Required;

/**
 * A unit with the counts of its whole subtree, as committees inspect the level below:
 * members, the installation target group (smartphone users), installs and registered accounts.
 */
public record UnitSummary(@Required OrgUnit unit, int children, long members, long activeMembers, long smartphoneUsers,
        long appInstalled, long accountRegistered) {
}
