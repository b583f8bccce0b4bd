package org.sotay.handbook.api;

import org.sotay.core.api.Required;

/** A member of the cell who has not read a mandatory item yet (visible to the cell's own secretary only). */
public record UnreadMember(@Required String memberId, @Required String fullName, boolean usesSmartphone, boolean appInstalled) {
}
