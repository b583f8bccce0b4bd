package org.sotay.sample.registry.file.internal;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.registry.api.directory.MemberDirectory;
import org.sotay.registry.api.directory.MemberRef;

/**
 * The unscoped {@link MemberDirectory} over the file, handed (as the real registry hands it) only to
 * the bundles named in {@code trustedBundles} of PID {@code org.sotay.registry}, the registry's own
 * PID, so the trust an operator configured holds across the swap. Sign-in reads members through it;
 * the two flag writes are refused as read-only (the identity module signs the member in all the same
 * and logs that the registry was not told).
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.sotay.registry.api.directory.MemberDirectory",
        uses = MemberDirectory.class)
@Component(service = {}, immediate = true, configurationPid = FileDirectory.TRUST_PID)
public class FileDirectory implements ServiceFactory<MemberDirectory>, MemberDirectory {
    static final String TRUST_PID = "org.sotay.registry";
    private static final Logger LOG = LoggerFactory.getLogger(FileDirectory.class);

    @interface Trust {
        String[] trustedBundles() default { "org.sotay.identity.impl" };
    }

    private final RegistryFile file;
    private final Set<String> trusted;
    private final ServiceRegistration<MemberDirectory> registration;

    @Activate
    public FileDirectory(Trust trust, BundleContext context, @Reference RegistryFile file) {
        this.file = file;
        this.trusted = trusted(trust.trustedBundles());
        this.registration = context.registerService(MemberDirectory.class, (ServiceFactory<MemberDirectory>) this, null);
    }

    /** Outside OSGi (tests). */
    FileDirectory(RegistryFile file) {
        this.file = file;
        this.trusted = Set.of();
        this.registration = null;
    }

    static Set<String> trusted(String[] values) {
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    @Override
    public MemberDirectory getService(Bundle bundle, ServiceRegistration<MemberDirectory> reg) {
        String name = bundle.getSymbolicName();
        if (name == null || !trusted.contains(name)) {
            LOG.warn("Bundle {} asked for the unscoped MemberDirectory and was refused: it is not in trustedBundles of {} ({})", name, TRUST_PID,
                    trusted);
            return null;
        }
        return this;
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<MemberDirectory> reg, MemberDirectory service) {
        // one shared directory, nothing to release
    }

    @Override
    public Optional<MemberRef> byCardNumber(String cardNumber) {
        String card = Snapshot.card(cardNumber);
        if (card == null || card.isEmpty() || card.length() > 20) {
            return Optional.empty();
        }
        return Optional.ofNullable(file.snapshot().byCard.get(card)).map(FileDirectory::ref);
    }

    @Override
    public Optional<MemberRef> byId(String memberId) {
        if (memberId == null || memberId.length() > 36) {
            return Optional.empty();
        }
        return Optional.ofNullable(file.snapshot().members.get(memberId)).map(FileDirectory::ref);
    }

    @Override
    public void accountRegistered(String memberId, LocalDate on) {
        throw ReadOnly.problem("ghi nhận đăng ký tài khoản", "record the account registration");
    }

    @Override
    public void appInstalled(String memberId, LocalDate on) {
        throw ReadOnly.problem("ghi nhận cài đặt ứng dụng", "record the app installation");
    }

    private static MemberRef ref(Snapshot.Entry e) {
        var m = e.member();
        return new MemberRef(m.id(), m.cardNumber(), m.fullName(), m.dateOfBirth(), m.cellId(), m.status(), m.accountRegistered(), m.appInstalled());
    }
}
