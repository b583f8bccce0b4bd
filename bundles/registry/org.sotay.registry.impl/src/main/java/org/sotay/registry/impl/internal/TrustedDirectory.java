package org.sotay.registry.impl.internal;

import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.persistence.Journal;
import org.sotay.registry.api.directory.MemberDirectory;

/**
 * The guard of the unscoped {@link MemberDirectory}: registered as a service factory, so the
 * registry sees which bundle asks for it and hands it only to the bundles named in
 * {@code trustedBundles} (configuration PID {@code org.sotay.registry}). Any other bundle gets no
 * service (its mandatory reference stays unsatisfied) and the refusal is logged; the registry
 * itself stays healthy. The default trusts the identity module only.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.sotay.registry.api.directory.MemberDirectory",
        uses = MemberDirectory.class)
@Component(service = {}, immediate = true, configurationPid = TrustedDirectory.PID)
@Designate(ocd = TrustedDirectory.Config.class)
public class TrustedDirectory implements ServiceFactory<MemberDirectory> {
    static final String PID = "org.sotay.registry";
    private static final Logger LOG = LoggerFactory.getLogger(TrustedDirectory.class);

    @ObjectClassDefinition(id = PID, name = "Sotay registry", description = "Which bundles may use the unscoped member directory")
    @interface Config {
        @AttributeDefinition(description = "Symbolic names of the bundles that may use MemberDirectory (unscoped look-ups of every member)")
        String[] trustedBundles() default { "org.sotay.identity.impl" };
    }

    private final MemberDirectory directory;
    private final Set<String> trusted;
    private final ServiceRegistration<MemberDirectory> registration;

    @Activate
    public TrustedDirectory(Config config, BundleContext context, @Reference RegistrySchema schema,
            @Reference(target = "(osgi.unit.name=sotay-registry)") JpaTemplate jpa, @Reference Journal journal, @Reference Clock clock) {
        this.trusted = Arrays.stream(config.trustedBundles()).flatMap(v -> Arrays.stream(v.split(","))).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.directory = new MemberDirectoryImpl(jpa, journal, clock);
        this.registration = context.registerService(MemberDirectory.class, this,
                new java.util.Hashtable<>(java.util.Map.of("sotay.replaceable", MemberDirectory.class.getName())));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    @Override
    public MemberDirectory getService(Bundle bundle, ServiceRegistration<MemberDirectory> registration) {
        String name = bundle.getSymbolicName();
        if (name == null || !trusted.contains(name)) {
            LOG.warn("Bundle {} asked for the unscoped MemberDirectory and was refused: it is not in trustedBundles of {} ({})", name, PID,
                    trusted);
            return null;
        }
        return directory;
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<MemberDirectory> registration, MemberDirectory service) {
        // one shared directory, nothing to release
    }
}
