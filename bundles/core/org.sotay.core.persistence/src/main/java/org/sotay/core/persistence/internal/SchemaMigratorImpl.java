package org.sotay.core.persistence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.persistence.MigrationException;
import org.sotay.core.api.persistence.MigrationReport;
import org.sotay.core.api.persistence.SchemaMigrator;

/**
 * The {@link SchemaMigrator} over the one Sotay DataSource (the service configured by
 * {@code etc/org.ops4j.datasource-sotay.cfg}, {@code osgi.jndi.service.name=sotay}).
 */
@Component(service = SchemaMigrator.class)
public class SchemaMigratorImpl implements SchemaMigrator {
    private final MigrationRunner runner;

    @Activate
    public SchemaMigratorImpl(@Reference(target = "(osgi.jndi.service.name=sotay)") DataSource dataSource) {
        this.runner = new MigrationRunner(dataSource);
    }

    @Override
    public MigrationReport migrate(String module, Bundle bundle, String path) {
        return runner.migrate(module, read(bundle, path));
    }

    @Override
    public String dialect() {
        return runner.dialect();
    }

    private static List<MigrationScript> read(Bundle bundle, String path) {
        List<MigrationScript> scripts = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries(path, "V*.sql", false);
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String name = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
            try (InputStream in = url.openStream()) {
                MigrationScript script = MigrationScript.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (script == null) {
                    throw new MigrationException(bundle.getSymbolicName() + ": " + name
                            + " is not named V<n>__<description>[.<dialect>].sql");
                }
                scripts.add(script);
            } catch (IOException e) {
                throw new MigrationException("cannot read " + url + ": " + e.getMessage(), e);
            }
        }
        return scripts;
    }
}
