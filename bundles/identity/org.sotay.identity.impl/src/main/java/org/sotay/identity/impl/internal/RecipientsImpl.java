package org.sotay.identity.impl.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.identity.api.AccountKind;
import org.sotay.identity.api.Role;
import org.sotay.identity.api.recipients.Recipients;

/** Who to tell, from the grants and accounts in identity's own tables and the roles' configured permissions. */
@Component(service = Recipients.class)
public class RecipientsImpl implements Recipients {
    /** A message to a province's members is large, never unbounded. */
    static final int MAX = 200_000;
    private final JpaTemplate jpa;
    private final Settings settings;
    private final OrgTree tree;
    private final Clock clock;

    @Activate
    public RecipientsImpl(@Reference IdentitySchema schema, @Reference(target = "(osgi.unit.name=sotay-identity)") JpaTemplate jpa,
            @Reference Settings settings, @Reference OrgTree tree, @Reference Clock clock) {
        this(jpa, settings, tree, clock);
    }

    RecipientsImpl(JpaTemplate jpa, Settings settings, OrgTree tree, Clock clock) {
        this.jpa = jpa;
        this.settings = settings;
        this.tree = tree;
        this.clock = clock;
    }

    @Override
    public List<String> holding(String permission, String unitId, boolean exactly) {
        if (permission == null || unitId == null || unitId.length() > 36) {
            return List.of();
        }
        List<String> lineage = tree.lineage(unitId);
        if (lineage.isEmpty()) {
            return List.of();
        }
        List<Role> roles = new ArrayList<>();
        for (Role r : Role.values()) {
            if (r != Role.MEMBER && Settings.coversAny(settings.permissionsOf(r), permission)) {
                roles.add(r);
            }
        }
        if (roles.isEmpty()) {
            return List.of();
        }
        List<String> units = exactly ? List.of(unitId) : lineage;
        LocalDate today = LocalDate.now(clock);
        long now = clock.millis();
        return jpa.txExpr(TransactionType.Required, em -> {
            Set<String> out = new LinkedHashSet<>();
            for (AccountEntity a : em.createQuery("SELECT a FROM AccountEntity a, GrantEntity g WHERE g.accountId = a.id AND g.unitId IN :units"
                    + " AND g.role IN :roles AND g.validFrom <= :today AND (g.validTo IS NULL OR g.validTo >= :today) ORDER BY a.id", AccountEntity.class)
                    .setParameter("units", units).setParameter("roles", roles).setParameter("today", today).getResultList()) {
                if (!a.lockedAt(now)) {
                    out.add(a.id);
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public List<String> membersOf(String unitId) {
        if (unitId == null || unitId.length() > 36) {
            return List.of();
        }
        String path = OrgTree.path(tree.lineage(unitId));
        if (path.isEmpty()) {
            return List.of();
        }
        long now = clock.millis();
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery("SELECT a FROM AccountEntity a WHERE a.kind = :kind AND a.homeUnitPath LIKE :p"
                + " ORDER BY a.id", AccountEntity.class).setParameter("kind", AccountKind.MEMBER).setParameter("p", Scope.likePrefix(path))
                .setMaxResults(MAX).getResultList().stream().filter(a -> !a.lockedAt(now)).map(a -> a.id).toList());
    }
}
