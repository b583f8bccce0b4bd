package org.sotay.identity.impl.internal;

import java.time.LocalDate;
import java.util.function.Supplier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.sotay.core.api.security.Caller;
import org.sotay.identity.api.Role;

/**
 * The caller an access token proves: its grants (role at unit, with an optional last day) are in
 * the token; what a role may do is read from the configuration at each check.
 */
final class TokenCaller implements Caller {

    record TokenGrant(Role role, String unitId, LocalDate validTo) {
    }

    private final String subject;
    private final String name;
    private final String memberId;
    private final String sessionId;
    private final List<TokenGrant> grants;
    private final Function<Role, Set<String>> permissions;
    private final Supplier<LocalDate> today;

    TokenCaller(String subject, String name, String memberId, String sessionId, List<TokenGrant> grants,
            Function<Role, Set<String>> permissions, Supplier<LocalDate> today) {
        this.today = today;
        this.subject = subject;
        this.name = name;
        this.memberId = memberId;
        this.sessionId = sessionId;
        this.grants = List.copyOf(grants);
        this.permissions = permissions;
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public String displayName() {
        return name;
    }

    @Override
    public String memberId() {
        return memberId;
    }

    String sessionId() {
        return sessionId;
    }

    List<TokenGrant> grants() {
        return grants;
    }

    @Override
    public Set<String> unitsFor(String permission) {
        LocalDate day = today.get();
        Set<String> units = new LinkedHashSet<>();
        for (TokenGrant g : grants) {
            if ((g.validTo() == null || !g.validTo().isBefore(day)) && Settings.coversAny(permissions.apply(g.role()), permission)) {
                units.add(g.unitId());
            }
        }
        return units;
    }

    @Override
    public String toString() {
        return subject;
    }
}
