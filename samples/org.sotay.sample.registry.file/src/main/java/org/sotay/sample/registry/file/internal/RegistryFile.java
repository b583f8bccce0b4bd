package org.sotay.sample.registry.file.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.health.HealthIndicator;
import org.sotay.core.api.health.HealthResult;

/**
 * The registry file, read whole at activation: an unconfigured component does not start, and one
 * whose file cannot be served fails to activate with one clear log line (what is wrong, at which
 * line), so none of the registry services of this bundle is registered. A configuration change
 * re-reads the file live; a new file that cannot be served is refused with the same log line and
 * the previous one keeps being served (health says so).
 */
@Component(service = { RegistryFile.class, HealthIndicator.class }, configurationPid = RegistryFileConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = RegistryFileConfig.class)
public class RegistryFile implements HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryFile.class);

    private final Clock clock;
    private volatile Snapshot snapshot;
    private volatile String refused;

    @Activate
    public RegistryFile(RegistryFileConfig config, @Reference Clock clock) {
        this.clock = clock;
        Path file = file(config.file());
        try {
            this.snapshot = load(file);
        } catch (Snapshot.BadFile e) {
            LOG.error("The registry file {} is not served, the file-backed registry does not start: {} (PID {}, property file)", file,
                    e.getMessage(), RegistryFileConfig.PID);
            throw new IllegalStateException("registry file " + file + ": " + e.getMessage());
        }
    }

    /** Outside OSGi (tests). */
    RegistryFile(Snapshot snapshot, Clock clock) {
        this.clock = clock;
        this.snapshot = snapshot;
    }

    @Modified
    void modified(RegistryFileConfig config) {
        Path file = file(config.file());
        try {
            snapshot = load(file);
            refused = null;
        } catch (Snapshot.BadFile e) {
            refused = file + ": " + e.getMessage();
            LOG.error("The new registry file {} is refused, still serving {}: {}", file, snapshot.source, e.getMessage());
        }
    }

    private Snapshot load(Path file) throws Snapshot.BadFile {
        long started = System.nanoTime();
        Snapshot s = Snapshot.read(file, clock.millis());
        LOG.info("Registry file {} served: {} units, {} members, read in {} ms", file, s.units.size(), s.members.size(),
                (System.nanoTime() - started) / 1_000_000);
        return s;
    }

    /** The configured path, with the Karaf folders replaced. */
    static Path file(String configured) {
        if (configured == null || configured.isBlank()) {
            LOG.error("No registry file configured: set property file of PID {}", RegistryFileConfig.PID);
            throw new IllegalStateException("no registry file configured (property file of " + RegistryFileConfig.PID + ")");
        }
        String s = configured.strip();
        for (String dir : new String[] { "karaf.data", "karaf.etc", "karaf.home" }) {
            s = s.replace("${" + dir + "}", System.getProperty(dir, "."));
        }
        return Path.of(s);
    }

    Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public HealthResult check() {
        Snapshot s = snapshot;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("implementation", "file (read-only)");
        details.put("file", s.source);
        details.put("units", s.units.size());
        details.put("members", s.members.size());
        details.put("loadedAt", Instant.ofEpochMilli(s.loadedAtMs).toString());
        if (refused != null) {
            details.put("refusedFile", refused);
        }
        return HealthResult.up(details);
    }
}
