package org.sotay.core.api.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A caller made of explicit grants, for work a module does itself rather than for a request: a
 * demo loader acting as a secretary or a member, a background job acting over the roots. Each grant
 * is a permission pattern ({@code handbook.read}, {@code handbook.*}, {@code *}) and the units it
 * covers, each with its subtree.
 *
 * <pre>
 * callers.runAs(GrantedCaller.of("system:meetings-demo", "Dữ liệu mẫu", null, Set.of(root), "meetings.*", "registry.read"), work);
 * </pre>
 */
public final class GrantedCaller implements Caller {
    private final String subject;
    private final String displayName;
    private final String memberId;
    private final Map<String, Set<String>> grants;

    private GrantedCaller(String subject, String displayName, String memberId, Map<String, Set<String>> grants) {
        this.subject = subject;
        this.displayName = displayName;
        this.memberId = memberId;
        this.grants = grants;
    }

    /** A caller holding each pattern of {@code grants} at its units; {@code memberId} may be {@code null}. */
    public static GrantedCaller of(String subject, String displayName, String memberId, Map<String, ? extends Collection<String>> grants) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        grants.forEach((pattern, units) -> copy.put(pattern, Set.copyOf(units)));
        return new GrantedCaller(subject, displayName, memberId, Map.copyOf(copy));
    }

    /** A caller holding every pattern of {@code permissions} at the same {@code units}. */
    public static GrantedCaller of(String subject, String displayName, String memberId, Collection<String> units, String... permissions) {
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        for (String p : permissions) {
            grants.put(p, Set.copyOf(units));
        }
        return new GrantedCaller(subject, displayName, memberId, Map.copyOf(grants));
    }

    /** Whether the permission pattern {@code pattern} ({@code a.b}, {@code a.*}, {@code *}) covers {@code permission}. */
    public static boolean covers(String pattern, String permission) {
        return pattern.equals("*") || pattern.equals(permission)
                || (pattern.endsWith(".*") && permission.startsWith(pattern.substring(0, pattern.length() - 1)));
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String memberId() {
        return memberId;
    }

    @Override
    public Set<String> unitsFor(String permission) {
        for (Map.Entry<String, Set<String>> g : grants.entrySet()) {
            if (covers(g.getKey(), permission)) {
                return g.getValue();
            }
        }
        return Set.of();
    }

    @Override
    public String toString() {
        return subject;
    }
}
