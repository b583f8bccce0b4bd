package org.sotay.identity.api;

/**
 * Roles, each granted at an org unit and covering its subtree. What each role may do is a list of
 * permission patterns configured in {@code etc/org.sotay.identity.cfg} ({@code roleMember},
 * {@code roleCellSecretary}, ...; defaults in the operators' guide).
 */
public enum Role {
    /** A party member: their own account, devices and the member-facing features of their cell. Implicit for member accounts. */
    MEMBER,
    /** A time-boxed helper (a youth-union volunteer, say) who helps members install the app: reads the cell, issues codes. */
    INSTALL_HELPER,
    /** Secretary of a party cell. */
    CELL_SECRETARY,
    /** Staff of a party committee's organization board. */
    COMMITTEE_STAFF,
    /** Administrator of the whole deployment. */
    PROVINCIAL_ADMIN,
    /** An integrator's API client (client credentials). */
    INTEGRATOR
}
