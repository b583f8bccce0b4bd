package org.sotay.itests;

import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.sotay.core.api.security.AuthenticationProvider;
import org.sotay.core.api.security.Caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Boots the built Sotay distribution once for the whole suite (Pax Exam's default PerSuite
 * strategy for Karaf), on free ports, against Derby or (with {@code -Dsotay.itest.db=postgresql})
 * a PostgreSQL server; then talks to it over real HTTP. Nothing sleeps: waits poll with a bound.
 */
public abstract class SotayTestSupport {
    static final String DB = System.getProperty("sotay.itest.db", "derby");
    /** The deployment's zone: "today" in every answer is Vietnam's, whatever the zone of the machine running the tests. */
    static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
    /** A bearer token accepted by the test's own authentication provider (see {@link #registerTestAuth()}). */
    static final String WRITER_TOKEN = "itest-writer-token";
    static final String READER_TOKEN = "itest-reader-token";
    static final ObjectMapper JSON = new ObjectMapper();
    static final int DEMO_MEMBERS = 3000;
    /** More callers for the suite's stand-in identity provider: bearer token to caller. */
    static final java.util.Map<String, Caller> CALLERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ServiceRegistration<AuthenticationProvider> testAuth;
    /** Chosen once per JVM: the same options for every test class let Pax Exam reuse one container for the suite. */
    private static final String[] PORTS = freePorts(4);

    @Inject
    protected BundleContext bundleContext;

    @Configuration
    public Option[] config() throws Exception {
        String distribution = System.getProperty("sotay.distribution");
        File work = new File(System.getProperty("sotay.itest.work", "target/exam"));
        String localRepo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration().frameworkUrl(new File(distribution).toURI().toString())
                        .name("Sotay").karafVersion("4.4.10").unpackDirectory(work).useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                keepRuntimeFolder(), // target/exam-*/<id>/data/log/karaf.log stays for a failed run's diagnosis
                logLevel(LogLevel.WARN),
                // offline: the container resolves only from the local repository, as a fresh CI clone does
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                // the distribution's own system/ folder first (what is under test), then the local repository for
                // Pax Exam's probe bundles; never a stale snapshot of ours from ~/.m2
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                        "file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots,"
                                + "file:" + localRepo + "@id=local@snapshots"),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
                // free ports, so a running ./run or another suite never collides
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", PORTS[0]),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", PORTS[1]),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", PORTS[2]),
                // a small demo province for the registry tests (the real default is 57,597 members)
                editConfigurationFilePut("etc/org.sotay.registry.demo.cfg", "members", Integer.toString(DEMO_MEMBERS)),
                // a bootstrap administrator, and a short sign-in back-off (2 s doubling to 4 s) so waiting it out is quick
                editConfigurationFilePut("etc/org.sotay.identity.cfg", "bootstrapAdminUser", ADMIN),
                editConfigurationFilePut("etc/org.sotay.identity.cfg", "bootstrapAdminPassword", ADMIN_PASSWORD),
                editConfigurationFilePut("etc/org.sotay.identity.cfg", "lockoutBaseSeconds", "2"),
                editConfigurationFilePut("etc/org.sotay.identity.cfg", "lockoutMaxSeconds", "4"),
                systemProperty("sotay.http.port").value(PORTS[3]),
                systemProperty("sotay.http.host").value("127.0.0.1"),
                systemProperty("sotay.itest.db").value(DB),
                systemProperty("sotay.bench.rows").value(System.getProperty("sotay.bench.rows", "57597")),
                // Pax Exam waits 10 s for its own probe services by default, then hangs forever: too short on a busy 2-core box
                systemProperty("pax.exam.service.timeout").value("120000"),
                // and 10 s for the probe's invoker (a system property of the extender, read once): on a loaded 2-core machine the
                // boot can take longer, and then the class hangs until the fork times out
                systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value("120000"),
                // and the probe invoker's own look-up of the injector (10 s by default), which a loaded 2-core machine can miss
                systemProperty("org.ops4j.pax.swissbox.tracker.ServiceLookup.DEFAULT_TIMEOUT").value("120000"),
                systemProperty("org.ops4j.pax.exam.invoker.junit.internal.JUnitProbeInvokerFactory.DEFAULT_TIMEOUT").value("120000"),
                // what Karaf's own bin/karaf passes on Java 17; Pax Exam 4.14 does not
                vmOptions("-Xmx768m", "-Djdk.util.zip.disableZip64ExtraFieldValidation=true",
                        "--add-reads=java.xml=java.logging",
                        "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                        "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-4.4.10.jar",
                        "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-4.4.10.jar",
                        "--add-opens", "java.base/java.security=ALL-UNNAMED",
                        "--add-opens", "java.base/java.net=ALL-UNNAMED",
                        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                        "--add-opens", "java.base/java.util=ALL-UNNAMED",
                        "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                        "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                        "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                        "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                        "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                        "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                        "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED")));
        if ("postgresql".equals(DB)) {
            options.add(replaceConfigurationFile("etc/org.ops4j.datasource-sotay.cfg", postgresqlDataSource(work)));
        }
        return options.toArray(new Option[0]);
    }

    /**
     * The PostgreSQL variant of the one DataSource file, for a server named by SOTAY_TEST_PG_URL,
     * _USER and _PASSWORD, in a schema of this test class's own (dropped when the test JVM ends), so
     * every container starts from nothing and runs on the same server do not touch each other.
     */
    private static final java.util.concurrent.atomic.AtomicInteger SCHEMAS = new java.util.concurrent.atomic.AtomicInteger();

    private static File postgresqlDataSource(File work) throws Exception {
        String server = env("SOTAY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/sotay_test");
        String user = env("SOTAY_TEST_PG_USER", "sotay_test");
        String password = System.getenv("SOTAY_TEST_PG_PASSWORD");
        if (password == null) {
            throw new IllegalStateException("set SOTAY_TEST_PG_PASSWORD (and SOTAY_TEST_PG_URL, SOTAY_TEST_PG_USER) to run the suite on PostgreSQL");
        }
        String schema = "it" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server, user, password); Statement st = c.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (java.sql.ResultSet rs = st.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname ~ '^it[0-9]+_[0-9]+$'")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    long pid = Long.parseLong(name.substring(2, name.indexOf('_')));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        stale.add(name); // left by a test JVM that is gone
                    }
                }
            }
            for (String name : stale) {
                st.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(server, user, password); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (Exception e) {
                // a schema left behind (the container still held it) is dropped by the next run
            }
        }, "drop " + schema));
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        work.mkdirs();
        File cfg = new File(work, "org.ops4j.datasource-sotay.postgresql.cfg");
        Files.writeString(cfg.toPath(), String.join("\n",
                "osgi.jndi.service.name = sotay",
                "dataSourceName = sotay",
                "osgi.jdbc.driver.name = PostgreSQL JDBC Driver",
                "url = " + url,
                "user = " + user,
                "password = " + password,
                "pool = hikari",
                "xa = false",
                "hikari.maximumPoolSize = 10",
                "hikari.poolName = sotay",
                "hikari.registerMbeans = true", ""), StandardCharsets.UTF_8);
        return cfg;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String[] freePorts(int n) {
        String[] ports = new String[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = Integer.toString(s.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }

    /**
     * The first administrator the identity module bootstraps. Every test class gets the same
     * options: with Pax Exam's PerSuite strategy the first class's configuration is the one used.
     */
    static final String ADMIN = "boot-admin";
    static final String ADMIN_PASSWORD = "itest-Admin-password-1";

    // ---- inside the container ----

    /** Signs in over HTTP; the whole answer. */
    static HttpResponse<String> login(String username, String password) {
        return http("POST", "/v1/auth/login", "{\"username\":" + quote(username) + ",\"password\":" + quote(password) + "}",
                "Content-Type", "application/json");
    }

    /** Signs in and returns the access token (the sign-in must succeed). */
    static String tokenOf(String username, String password) {
        HttpResponse<String> r = login(username, password);
        if (r.statusCode() != 200) {
            throw new AssertionError("sign-in of " + username + ": " + r.statusCode() + " " + r.body());
        }
        return json(r).path("accessToken").asText();
    }

    /**
     * The bootstrap administrator's token, once the account exists: the identity module creates it
     * a few seconds after the tree has its root unit, and the health endpoint is UP before that
     * (a deployment without a bootstrap is healthy), so a healthy node is no proof of it.
     */
    static String adminToken() {
        await("the bootstrap administrator", 60, () -> login(ADMIN, ADMIN_PASSWORD).statusCode() == 200);
        return tokenOf(ADMIN, ADMIN_PASSWORD);
    }

    /** One exchange with a bearer token and a JSON body (or none). */
    static HttpResponse<String> bearer(String token, String method, String path, String body) {
        return token == null ? http(method, path, body, "Content-Type", "application/json")
                : http(method, path, body, "Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The API's address: in the container from its system property; in this JVM (a {@link ClientTest}) from the port chosen for it. */
    static String base() {
        return "http://127.0.0.1:" + System.getProperty("sotay.http.port", PORTS[3]) + "/api";
    }

    /**
     * A stand-in identity provider beside the real one, for tests that need callers with exact
     * permissions at exact units without making accounts: it plugs into the same SPI the identity
     * module uses (providers are asked in turn; the first that accepts the token wins). The writer
     * holds {@code sample.notice.write} at the root unit.
     */
    protected void registerTestAuth() {
        synchronized (SotayTestSupport.class) {
            if (testAuth != null) {
                return;
            }
            AuthenticationProvider provider = new AuthenticationProvider() {
                @Override
                public boolean supports(String scheme) {
                    return "Bearer".equalsIgnoreCase(scheme);
                }

                @Override
                public Optional<Caller> authenticate(String scheme, String credentials) {
                    if (WRITER_TOKEN.equals(credentials)) {
                        return Optional.of(callerAt("itest-writer", Set.of(rootUnit()), Set.of("sample.notice.write", "sample.notice.read")));
                    }
                    if (READER_TOKEN.equals(credentials)) {
                        return Optional.of(callerAt("itest-reader", Set.of(rootUnit()), Set.of()));
                    }
                    return Optional.ofNullable(CALLERS.get(credentials));
                }
            };
            testAuth = bundleContext.registerService(AuthenticationProvider.class, provider, new Hashtable<>());
        }
    }

    /** A caller holding {@code permissions} at the units {@code unitIds} (each covering its subtree). */
    static Caller callerAt(String subject, Set<String> unitIds, Set<String> permissions) {
        return new Caller() {
            @Override
            public String subject() {
                return subject;
            }

            @Override
            public String displayName() {
                return subject;
            }

            @Override
            public Set<String> unitsFor(String permission) {
                return permissions.contains(permission) ? unitIds : Set.of();
            }
        };
    }

    private static volatile String root;

    /** The root unit of the demo province (the registry loads it at the first start). */
    String rootUnit() {
        String r = root;
        if (r == null) {
            org.osgi.framework.ServiceReference<org.sotay.core.api.security.OrgTree> ref = bundleContext
                    .getServiceReference(org.sotay.core.api.security.OrgTree.class);
            List<String> roots = ref == null ? List.of() : bundleContext.getService(ref).roots();
            if (roots.isEmpty()) {
                return "no-root-yet";
            }
            r = roots.get(0);
            root = r;
        }
        return r;
    }

    /** A notice body published at the root unit. */
    String notice(String title, String body) {
        return "{\"unitId\":\"" + rootUnit() + "\",\"title\":" + quote(title) + ",\"body\":" + quote(body) + "}";
    }

    /** One HTTP exchange. */
    static HttpResponse<String> http(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static HttpResponse<String> get(String path, String... headers) {
        return http("GET", path, null, headers);
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    /** Polls {@code condition} every 100 ms until it holds or {@code seconds} pass. */
    static void await(String what, int seconds, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        fail("timed out after " + seconds + " s waiting for " + what + (last == null ? "" : ": " + last));
    }

    /** Waits until the platform answers healthy (boot finished, every module UP) and the sample module's paths are served. */
    static void awaitHealthy() {
        awaitStatus("/v1/health", 200);
        await("the sample module's paths", 120, () -> get("/openapi.json").body().contains("/v1/sample/notices"));
    }

    static void awaitStatus(String path, int status) {
        await("GET " + path + " = " + status, 120, () -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == status;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }
}
