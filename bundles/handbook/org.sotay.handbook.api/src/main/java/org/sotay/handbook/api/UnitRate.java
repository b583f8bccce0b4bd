package org.sotay.handbook.api;

import org.sotay.core.api.Required;

/**
 * Reading of one mandatory item in a unit's subtree: {@code expected} members (active, not exempt, in the
 * item's audience; absent for items limited to roles), {@code read} of them, of which {@code onBehalf} were
 * recorded by someone else; {@code percent} is {@code read * 100 / expected}, rounded down.
 */
public record UnitRate(@Required String unitId, @Required String unitName, Long expected, long read, long selfRead, long onBehalf,
        Integer percent) {
}
