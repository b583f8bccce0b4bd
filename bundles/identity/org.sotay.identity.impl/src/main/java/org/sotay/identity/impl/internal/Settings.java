package org.sotay.identity.impl.internal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.identity.api.Role;

/** The identity configuration as the other components read it, live: a change applies to the next request. */
@Component(service = Settings.class, configurationPid = IdentityConfig.PID)
@Designate(ocd = IdentityConfig.class)
public class Settings {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    private volatile IdentityConfig config;
    private volatile Map<Role, Set<String>> roles;
    private volatile PasswordHasher hasher;

    @Activate
    @Modified
    void configure(IdentityConfig c) {
        if (hasher == null || config.passwordIterations() != c.passwordIterations()) {
            if (c.passwordIterations() < PasswordHasher.OWASP_ITERATIONS) {
                LOG.warn("passwordIterations = {} is below OWASP's 600000 for PBKDF2-HMAC-SHA256", c.passwordIterations());
            }
            hasher = new PasswordHasher(Math.max(10_000, c.passwordIterations()));
        }
        Map<Role, Set<String>> r = new EnumMap<>(Role.class);
        r.put(Role.MEMBER, patterns(c.roleMember()));
        r.put(Role.INSTALL_HELPER, patterns(c.roleInstallHelper()));
        r.put(Role.CELL_SECRETARY, patterns(c.roleCellSecretary()));
        r.put(Role.COMMITTEE_STAFF, patterns(c.roleCommitteeStaff()));
        r.put(Role.PROVINCIAL_ADMIN, patterns(c.roleProvincialAdmin()));
        r.put(Role.INTEGRATOR, patterns(c.roleIntegrator()));
        roles = Map.copyOf(r);
        config = c;
    }

    IdentityConfig config() {
        return config;
    }

    PasswordHasher hasher() {
        return hasher;
    }

    Set<String> permissionsOf(Role role) {
        return roles.getOrDefault(role, Set.of());
    }

    /** "a, b" in a .cfg file arrives as one string: accept lists and comma-separated values alike. */
    private static Set<String> patterns(String[] values) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        return Set.copyOf(out);
    }

    /**
     * Whether permission pattern {@code held} covers {@code wanted} (itself a permission or a
     * pattern): {@code *} covers all, {@code registry.*} covers {@code registry.read} and
     * {@code registry.member.*}, anything covers itself.
     */
    static boolean covers(String held, String wanted) {
        if (held.equals("*") || held.equals(wanted)) {
            return true;
        }
        return held.endsWith(".*") && wanted.startsWith(held.substring(0, held.length() - 1));
    }

    static boolean coversAny(Set<String> held, String wanted) {
        for (String h : held) {
            if (covers(h, wanted)) {
                return true;
            }
        }
        return false;
    }
}
