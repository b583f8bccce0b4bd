package org.sotay.core.api.security;

import java.util.List;
import java.util.Set;

/**
 * The Karaf console's operator as a caller: a shell command runs its services as it, with the
 * permissions the command needs over the roots of the tree. The console is guarded by Karaf's own
 * realm (ssh on localhost, users created deliberately), apart from member accounts; the audit trail
 * names the command ({@code console:<command>}).
 *
 * <pre>
 * callers.runAs(ConsoleCaller.of("report-adoption", tree.roots(), "reporting.read"), () -&gt; reports.adoption(unit, null, false));
 * </pre>
 */
public final class ConsoleCaller implements Caller {
    private final String command;
    private final Set<String> roots;
    private final List<String> patterns;

    private ConsoleCaller(String command, Set<String> roots, List<String> patterns) {
        this.command = command;
        this.roots = roots;
        this.patterns = patterns;
    }

    /** The operator running {@code command}, holding {@code permissions} ({@code module.*} patterns allowed) at {@code roots}. */
    public static ConsoleCaller of(String command, java.util.Collection<String> roots, String... permissions) {
        return new ConsoleCaller(command, Set.copyOf(roots), List.of(permissions));
    }

    @Override
    public String subject() {
        return "console:" + command;
    }

    @Override
    public String displayName() {
        return "Karaf console (" + command + ")";
    }

    @Override
    public Set<String> unitsFor(String permission) {
        for (String p : patterns) {
            if (GrantedCaller.covers(p, permission)) {
                return roots;
            }
        }
        return Set.of();
    }

    @Override
    public String toString() {
        return subject();
    }
}
