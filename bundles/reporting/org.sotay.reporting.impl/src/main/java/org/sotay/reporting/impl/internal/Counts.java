package org.sotay.reporting.impl.internal;

import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberStatus;
import org.sotay.reporting.api.Adoption;

/**
 * What a unit's subtree counts, as a vector of longs in the column order of RPT_UNIT, and what one
 * member adds to it (their FLAGS). The definitions live here and only here:
 * <ul>
 * <li>active: probationary, official or exempt (the registry's {@link MemberStatus#active()});</li>
 * <li>exempt: exempt from regular activities (they leave the target group);</li>
 * <li>target group: active, not exempt, uses a smartphone;</li>
 * <li>installed, registered: active members with the app, with an account (in the target group or not).</li>
 * </ul>
 */
final class Counts {
    static final int CELLS = 0;
    static final int MEMBERS = 1;
    static final int EXEMPT = 2;
    static final int TARGET = 3;
    static final int INSTALLED = 4;
    static final int INSTALLED_IN_TARGET = 5;
    static final int REGISTERED = 6;
    static final int REGISTERED_IN_TARGET = 7;
    /** Open cells whose usual venue has no internet (a cell's own row: 1 when it has none). */
    static final int OFFLINE_CELLS = 8;
    static final int SIZE = 9;
    static final String[] COLUMNS = { "CELLS", "MEMBERS", "EXEMPT", "TARGET", "INSTALLED", "INSTALLED_IN_TARGET", "REGISTERED",
            "REGISTERED_IN_TARGET", "OFFLINE_CELLS" };

    static final int ACTIVE_BIT = 1;
    static final int EXEMPT_BIT = 2;
    static final int TARGET_BIT = 4;
    static final int INSTALLED_BIT = 8;
    static final int REGISTERED_BIT = 16;

    private Counts() {
    }

    /** The FLAGS of a member as the registry has them now. */
    static int flags(Member m) {
        return flags(m.status(), m.usesSmartphone(), m.appInstalled(), m.accountRegistered());
    }

    static int flags(MemberStatus status, boolean smartphone, boolean installed, boolean registered) {
        if (status == null || !status.active()) {
            return 0;
        }
        boolean exempt = status == MemberStatus.EXEMPT;
        return ACTIVE_BIT | (exempt ? EXEMPT_BIT : 0) | (!exempt && smartphone ? TARGET_BIT : 0) | (installed ? INSTALLED_BIT : 0)
                | (registered ? REGISTERED_BIT : 0);
    }

    /** What a member with {@code flags} adds to each unit above them (their cell and its ancestors). */
    static long[] of(int flags) {
        long[] v = new long[SIZE];
        if ((flags & ACTIVE_BIT) == 0) {
            return v;
        }
        boolean target = (flags & TARGET_BIT) != 0;
        boolean installed = (flags & INSTALLED_BIT) != 0;
        boolean registered = (flags & REGISTERED_BIT) != 0;
        v[MEMBERS] = 1;
        v[EXEMPT] = (flags & EXEMPT_BIT) != 0 ? 1 : 0;
        v[TARGET] = target ? 1 : 0;
        v[INSTALLED] = installed ? 1 : 0;
        v[INSTALLED_IN_TARGET] = installed && target ? 1 : 0;
        v[REGISTERED] = registered ? 1 : 0;
        v[REGISTERED_IN_TARGET] = registered && target ? 1 : 0;
        return v;
    }

    static long[] plus(long[] into, long[] delta, int sign) {
        for (int i = 0; i < SIZE; i++) {
            into[i] += sign * delta[i];
        }
        return into;
    }

    static boolean zero(long[] v) {
        for (long x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    static Adoption adoption(long[] v) {
        return Adoption.of(v[MEMBERS], v[EXEMPT], v[TARGET], v[INSTALLED], v[INSTALLED_IN_TARGET], v[REGISTERED], v[REGISTERED_IN_TARGET]);
    }
}
