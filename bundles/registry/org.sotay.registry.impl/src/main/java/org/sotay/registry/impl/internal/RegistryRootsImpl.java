package org.sotay.registry.impl.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.registry.impl.commands.RegistryRoots;

/** The open root units, for the operator console (inside this bundle only). */
@Component(service = RegistryRoots.class)
public class RegistryRootsImpl implements RegistryRoots {
    private final JpaTemplate jpa;

    @Activate
    public RegistryRootsImpl(@Reference RegistrySchema schema, @Reference(target = "(osgi.unit.name=sotay-registry)") JpaTemplate jpa) {
        this.jpa = jpa;
    }

    @Override
    public Set<String> rootIds() {
        return jpa.txExpr(TransactionType.Required, em -> new LinkedHashSet<>(em.createQuery(
                "SELECT u.id FROM UnitEntity u WHERE u.parentId IS NULL AND u.validTo IS NULL ORDER BY u.code", String.class).getResultList()));
    }
}
