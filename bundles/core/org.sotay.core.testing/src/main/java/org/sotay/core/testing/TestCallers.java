package org.sotay.core.testing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.ClientInfo;

/** The caller of "the request" on this thread, as the core REST bundle provides it, for tests. */
public final class TestCallers implements CallerContext {
    private final ThreadLocal<Caller> current = new ThreadLocal<>();

    /** Makes {@code caller} the current one on this thread until the next call (a test acts as it). */
    public TestCallers as(Caller caller) {
        current.set(caller);
        return this;
    }

    @Override
    public Caller current() {
        Caller c = current.get();
        return c == null ? Caller.ANONYMOUS : c;
    }

    @Override
    public <T> T runAs(Caller caller, Callable<T> work) throws Exception {
        Caller previous = current.get();
        current.set(caller);
        try {
            return work.call();
        } finally {
            current.set(previous);
        }
    }

    @Override
    public ClientInfo client() {
        return new ClientInfo("test-request", "127.0.0.1", "junit");
    }

    /**
     * A caller holding permission patterns at units: {@code caller("staff", Map.of("registry.*", Set.of(districtId)))}.
     * Patterns as the identity module reads them: {@code *}, {@code module.*}, or a permission.
     */
    public static Caller caller(String subject, Map<String, Set<String>> patternsAtUnits) {
        return member(subject, null, patternsAtUnits);
    }

    /**
     * A member's own account ({@link Caller#memberId()} is {@code memberId}) holding permission
     * patterns at units, as a member's token does: {@code member("an", an.id(), Map.of("handbook.read", Set.of(cellId)))}.
     */
    public static Caller member(String subject, String memberId, Map<String, Set<String>> patternsAtUnits) {
        return new Caller() {
            @Override
            public String memberId() {
                return memberId;
            }

            @Override
            public String subject() {
                return subject;
            }

            @Override
            public String displayName() {
                return subject;
            }

            @Override
            public Set<String> unitsFor(String permission) {
                java.util.LinkedHashSet<String> units = new java.util.LinkedHashSet<>();
                patternsAtUnits.forEach((pattern, at) -> {
                    if (pattern.equals("*") || pattern.equals(permission)
                            || (pattern.endsWith(".*") && permission.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                        units.addAll(at);
                    }
                });
                return units;
            }

            @Override
            public String toString() {
                return subject;
            }
        };
    }

    /** A caller holding {@code permissions} at {@code units}. */
    public static Caller caller(String subject, Set<String> units, String... permissions) {
        Map<String, Set<String>> m = new java.util.LinkedHashMap<>();
        for (String p : permissions) {
            m.put(p, units);
        }
        return caller(subject, m);
    }
}
