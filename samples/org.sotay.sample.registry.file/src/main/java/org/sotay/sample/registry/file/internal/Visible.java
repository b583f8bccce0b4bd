package org.sotay.sample.registry.file.internal;

import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.registry.api.OrgUnit;

/** The caller's part of the file, as the real registry has it: outside the scope is not found, never forbidden. */
final class Visible {
    private Visible() {
    }

    static Scope scope(Snapshot s, Caller caller, String permission) {
        return Scope.of(caller, permission, new OrgTree() {
            @Override
            public java.util.List<String> lineage(String unitId) {
                return Snapshot.lineage(unitId == null ? null : s.paths.get(unitId));
            }

            @Override
            public java.util.List<String> roots() {
                return s.roots;
            }
        });
    }

    static OrgUnit unit(Snapshot s, Scope scope, String id) {
        OrgUnit u = id == null || id.length() > 36 ? null : s.units.get(id);
        if (u == null || !scope.covers(s.paths.get(id))) {
            throw unitNotFound(id);
        }
        return u;
    }

    static Snapshot.Entry member(Snapshot s, Scope scope, String id) {
        Snapshot.Entry e = id == null || id.length() > 36 ? null : s.members.get(id);
        if (e == null || !scope.covers(e.cellPath())) {
            throw memberNotFound(id);
        }
        return e;
    }

    static SotayException unitNotFound(String id) {
        return SotayException.notFound(Text.of("Không có đơn vị " + shown(id) + " trong phạm vi của bạn.",
                "There is no unit " + shown(id) + " within your scope."));
    }

    static SotayException memberNotFound(String id) {
        return SotayException.notFound(Text.of("Không có đảng viên " + shown(id) + " trong phạm vi của bạn.",
                "There is no member " + shown(id) + " within your scope."));
    }

    /** An id as echoed in a message: short, and only the characters ids have. */
    static String shown(String id) {
        if (id == null) {
            return "(none)";
        }
        String s = id.replaceAll("[^A-Za-z0-9._-]", "?");
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
