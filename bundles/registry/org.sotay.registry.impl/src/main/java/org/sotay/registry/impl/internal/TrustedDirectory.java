package org.sotay.registry.impl.internal;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.ComponentException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.persistence.Journal;
import org.sotay.registry.api.directory.MemberDirectory;
import org.sotay.registry.api.directory.MemberRef;

/**
 * The guard of the unscoped {@link MemberDirectory}: a bundle-scoped service, so the registry sees
 * which bundle asks for it, and it refuses every bundle not named in {@code trustedBundles}
 * (configuration PID {@code org.sotay.registry}): their reference stays unsatisfied and the refusal
 * is logged. The default trusts the identity module only.
 */
@Component(service = MemberDirectory.class, scope = ServiceScope.BUNDLE, configurationPid = TrustedDirectory.PID)
@Designate(ocd = TrustedDirectory.Config.class)
public class TrustedDirectory implements MemberDirectory {
    static final String PID = "org.sotay.registry";
    private static final Logger LOG = LoggerFactory.getLogger(TrustedDirectory.class);

    @ObjectClassDefinition(id = PID, name = "Sotay registry", description = "Which bundles may use the unscoped member directory")
    @interface Config {
        @AttributeDefinition(description = "Symbolic names of the bundles that may use MemberDirectory (unscoped look-ups of every member)")
        String[] trustedBundles() default { "org.sotay.identity.impl" };
    }

    private final MemberDirectoryImpl directory;

    @Activate
    public TrustedDirectory(Config config, ComponentContext context, @Reference RegistrySchema schema,
            @Reference(target = "(osgi.unit.name=sotay-registry)") JpaTemplate jpa, @Reference Journal journal, @Reference Clock clock) {
        Bundle user = context.getUsingBundle();
        Set<String> trusted = Arrays.stream(config.trustedBundles()).flatMap(v -> Arrays.stream(v.split(","))).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        String name = user == null ? null : user.getSymbolicName();
        if (name == null || !trusted.contains(name)) {
            LOG.warn("Bundle {} asked for the unscoped MemberDirectory and was refused: it is not in trustedBundles of {} ({})", name, PID,
                    trusted);
            throw new ComponentException("MemberDirectory is for trusted bundles only; " + name + " is not one");
        }
        this.directory = new MemberDirectoryImpl(jpa, journal, clock);
    }

    @Override
    public Optional<MemberRef> byCardNumber(String cardNumber) {
        return directory.byCardNumber(cardNumber);
    }

    @Override
    public Optional<MemberRef> byId(String memberId) {
        return directory.byId(memberId);
    }

    @Override
    public void accountRegistered(String memberId, java.time.LocalDate on) {
        directory.accountRegistered(memberId, on);
    }

    @Override
    public void appInstalled(String memberId, java.time.LocalDate on) {
        directory.appInstalled(memberId, on);
    }
}
