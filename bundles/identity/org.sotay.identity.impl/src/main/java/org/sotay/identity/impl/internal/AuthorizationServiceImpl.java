package org.sotay.identity.impl.internal;

import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.OrgTree;
import org.sotay.identity.api.AuthorizationService;
import org.sotay.identity.api.Role;

/** Decides from the caller's grants and the unit's lineage (cached by the registry); no token is decoded here. */
@Component(service = AuthorizationService.class)
public class AuthorizationServiceImpl implements AuthorizationService {
    private final OrgTree tree;
    private final Settings settings;

    @Activate
    public AuthorizationServiceImpl(@Reference OrgTree tree, @Reference Settings settings) {
        this.tree = tree;
        this.settings = settings;
    }

    @Override
    public boolean may(Caller caller, String permission, String unitId) {
        if (caller == null || unitId == null) {
            return false;
        }
        Set<String> roots = caller.unitsFor(permission);
        if (roots.isEmpty()) {
            return false;
        }
        List<String> lineage = tree.lineage(unitId);
        for (String u : lineage) {
            if (roots.contains(u)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void require(Caller caller, String permission, String unitId, String visibility) {
        if (may(caller, permission, unitId)) {
            return;
        }
        if (visibility != null && !visibility.equals(permission) && may(caller, visibility, unitId)) {
            throw SotayException.forbidden(Text.of("Bạn không có quyền " + permission + " tại đơn vị này.",
                    "You do not hold " + permission + " at this unit."));
        }
        throw SotayException.notFound(Text.of("Không tìm thấy trong phạm vi của bạn.", "Not found within your scope."));
    }

    @Override
    public Set<String> permissionsOf(Role role) {
        return settings.permissionsOf(role);
    }
}
