package org.sotay.identity.impl.internal;

import java.time.Clock;
import java.time.LocalDate;

import org.apache.aries.jpa.template.JpaTemplate;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.identity.api.AuthorizationService;
import org.sotay.registry.api.directory.MemberDirectory;

/** What the identity services share: their persistence unit, the platform services and the other modules' APIs. */
record Services(JpaTemplate jpa, Settings settings, LoginThrottle throttle, CallerContext callers, MemberDirectory directory, OrgTree tree,
        AuthorizationService authz, Journal journal, Revocations revocations, Clock clock) {

    LocalDate today() {
        return LocalDate.now(clock);
    }

    long now() {
        return clock.millis();
    }

    Ranks ranks() {
        return new Ranks(authz, settings);
    }

    /** Runs {@code work} as the account itself (a public endpoint's caller is anonymous): audit lines name it. */
    void as(String subject, String name, Runnable work) {
        try {
            callers.runAs(new AccountCaller(subject, name), () -> {
                work.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
