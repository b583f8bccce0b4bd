package org.sotay.meetings.impl.internal;

import org.sotay.meetings.api.MemberCategory;
import org.sotay.meetings.api.Standing;

/** A member on a cell's roster as the registry has them on the meeting's day. */
record RosterMember(String memberId, String fullName, MemberCategory category, Standing standing, boolean voting) {
}
