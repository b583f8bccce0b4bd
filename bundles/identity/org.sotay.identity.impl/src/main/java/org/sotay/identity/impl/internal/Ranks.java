package org.sotay.identity.impl.internal;

import java.time.LocalDate;
import java.util.List;

import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.Caller;
import org.sotay.identity.api.AuthorizationService;
import org.sotay.identity.api.Role;

/**
 * "Nobody acts beyond what they hold": whoever grants a role, resets a password, locks, unlocks or
 * signs out an account must hold, at each unit where the target holds a role, every permission of
 * that role, as if they had granted it. A cell secretary may help the members of the cell, never
 * take over the account of the district official who is also a member there.
 */
final class Ranks {
    static final ProblemType BEYOND_RANK = ProblemType.of("identity.beyond-rank", 403,
            Text.of("Không thể tác động đến tài khoản có quyền cao hơn bạn", "You cannot act on an account that holds more than you do"));

    private final AuthorizationService authz;
    private final Settings settings;

    Ranks(AuthorizationService authz, Settings settings) {
        this.authz = authz;
        this.settings = settings;
    }

    /** Whether {@code caller} holds every permission of {@code role} at {@code unitId}. */
    boolean coversRole(Caller caller, Role role, String unitId) {
        for (String permission : settings.permissionsOf(role)) {
            if (!authz.may(caller, permission, unitId)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code caller} covers every grant of {@code grants} still active on {@code today}. */
    boolean covers(Caller caller, List<GrantEntity> grants, LocalDate today) {
        for (GrantEntity g : grants) {
            if (g.activeOn(today) && !coversRole(caller, g.role, g.unitId)) {
                return false;
            }
        }
        return true;
    }

    /** Throws 403 {@code identity.beyond-rank} unless {@code caller} covers {@code grants}. */
    void require(Caller caller, List<GrantEntity> grants, LocalDate today, Text what) {
        if (!covers(caller, grants, today)) {
            throw new SotayException(BEYOND_RANK, what);
        }
    }
}
