package org.sotay.registry.api;

/** A member's standing. Only PROBATIONARY, OFFICIAL and EXEMPT members count as active. */
public enum MemberStatus {
    PROBATIONARY, OFFICIAL, EXEMPT, SUSPENDED, DECEASED, LEFT, EXPELLED;

    public boolean active() {
        return this == PROBATIONARY || this == OFFICIAL || this == EXEMPT;
    }
}
