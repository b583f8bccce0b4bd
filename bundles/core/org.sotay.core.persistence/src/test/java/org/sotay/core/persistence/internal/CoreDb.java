package org.sotay.core.persistence.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * A fresh database with every core migration applied: in-memory Derby, or with
 * {@code -Dsotay.test.db=postgresql} a schema of its own on the server named by SOTAY_TEST_PG_URL,
 * _USER and _PASSWORD.
 */
final class CoreDb {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private CoreDb() {
    }

    static DataSource fresh(String name) throws Exception {
        DataSource ds;
        if ("postgresql".equals(System.getProperty("sotay.test.db"))) {
            String base = System.getenv().getOrDefault("SOTAY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/sotay_test");
            String user = System.getenv().getOrDefault("SOTAY_TEST_PG_USER", "sotay_test");
            String password = System.getenv("SOTAY_TEST_PG_PASSWORD");
            String schema = name + "_" + ProcessHandle.current().pid() + "_" + COUNT.incrementAndGet();
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(base, user, password); java.sql.Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                st.execute("CREATE SCHEMA " + schema);
            }
            ds = new DriverDataSource(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
        } else {
            ds = new DriverDataSource("jdbc:derby:memory:" + name + COUNT.incrementAndGet() + ";create=true");
        }
        List<MigrationScript> scripts = new ArrayList<>();
        Path dir = Path.of(CoreDb.class.getResource("/db/migration/core").toURI());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "V*.sql")) {
            for (Path f : files) {
                scripts.add(MigrationScript.parse(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        new MigrationRunner(ds).migrate("core", scripts);
        return ds;
    }
}
