package org.sotay.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.sotay.core.persistence.internal.MigrationScript;

/** A module's migration scripts as its bundle ships them, read from the test classpath (a folder or a jar). */
final class ClasspathMigrations {
    private ClasspathMigrations() {
    }

    static List<MigrationScript> read(ClassLoader loader, String path) {
        List<MigrationScript> out = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(root.toURI()), "V*.sql")) {
                        for (Path f : files) {
                            out.add(script(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
                        }
                    }
                } else if ("jar".equals(root.getProtocol())) {
                    JarURLConnection jar = (JarURLConnection) root.openConnection();
                    try (JarFile file = jar.getJarFile()) {
                        String prefix = path.endsWith("/") ? path : path + "/";
                        for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements();) {
                            JarEntry entry = e.nextElement();
                            String name = entry.getName();
                            if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0 && name.endsWith(".sql")
                                    && name.substring(prefix.length()).startsWith("V")) {
                                try (InputStream in = file.getInputStream(entry)) {
                                    out.add(script(name.substring(prefix.length()), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the migrations in " + path + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no migration scripts found in " + path + " on the classpath");
        }
        return out;
    }

    private static MigrationScript script(String name, String sql) {
        MigrationScript s = MigrationScript.parse(name, sql);
        if (s == null) {
            throw new IllegalStateException(name + " is not named V<n>__<description>[.<dialect>].sql");
        }
        return s;
    }
}
