package org.sotay.meetings.impl.internal;

import java.util.Set;

import org.sotay.core.api.security.Caller;

/**
 * The meetings module itself reading the registry with a few permissions at given units: the roster of
 * a cell whose meeting the real caller may already see, or the attachments behind a transfer event.
 * {@code memberId} is set to read a member's own record ({@code MemberService.self()}) for a feed.
 */
final class ModuleCaller implements Caller {
    private final String name;
    private final Set<String> units;
    private final Set<String> permissions;
    private final String memberId;

    ModuleCaller(String name, Set<String> units, Set<String> permissions, String memberId) {
        this.name = name;
        this.units = units;
        this.permissions = permissions;
        this.memberId = memberId;
    }

    static ModuleCaller reader(String name, String unitId) {
        return new ModuleCaller(name, Set.of(unitId), Set.of("registry.read"), null);
    }

    @Override
    public String subject() {
        return "system:meetings-" + name;
    }

    @Override
    public String displayName() {
        return "meetings " + name;
    }

    @Override
    public String memberId() {
        return memberId;
    }

    @Override
    public Set<String> unitsFor(String permission) {
        return permissions.contains(permission) ? units : Set.of();
    }
}
