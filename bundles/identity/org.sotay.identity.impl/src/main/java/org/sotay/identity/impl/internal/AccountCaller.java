package org.sotay.identity.impl.internal;

import java.util.Set;

import org.sotay.core.api.security.Caller;

/** An account acting for itself with no permission (a member registering, a reset): for audit lines. */
final class AccountCaller implements Caller {
    private final String subject;
    private final String name;

    AccountCaller(String subject, String name) {
        this.subject = subject;
        this.name = name;
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
    public Set<String> unitsFor(String permission) {
        return Set.of();
    }
}
