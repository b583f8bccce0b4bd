#set( $symbol_pound = '#' )
#set( $symbol_dollar = '$' )
package ${package}.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.sotay.core.api.security.AuthenticationProvider;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.OrgTree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Sotay distribution boots (offline, on free ports, embedded Derby, a small demo province); the feature
 * {@code sotay-${moduleName}} is added to it while it runs, as an operator does with {@code feature:install}; its
 * endpoints answer over real HTTP with the permissions, scope, validation and ETags of the module; then it is
 * uninstalled and its paths are gone while the platform stays healthy. Waits poll with a bound, never sleep.
 */
@RunWith(PaxExam.class)
public class ItemIT {
    private static final String MODULE = "${moduleName}";
    private static final String FEATURE = "sotay-" + MODULE;
    private static final String WRITER = "it-writer-token";
    private static final String READER = "it-reader-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] PORTS = freePorts(4);
    /** The Karaf of the distribution (the pom's karaf.version). */
    private static final String KARAF = System.getProperty("karaf.version");

    @Inject
    protected BundleContext context;

    @Inject
    protected FeaturesService features;

    @Configuration
    public Option[] config() {
        String localRepo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        String moduleRepo = System.getProperty("module.repo");
        return new Option[] {
                karafDistributionConfiguration().frameworkUrl(new File(System.getProperty("sotay.distribution")).toURI().toString())
                        .name("Sotay").karafVersion(KARAF).unpackDirectory(new File(System.getProperty("exam.work", "target/exam")))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                keepRuntimeFolder(), // target/exam/<id>/data/log/karaf.log stays for a failed run's diagnosis
                logLevel(LogLevel.WARN),
                // offline: the distribution's system/ folder, this module's bundles (target/module-repo), then the local
                // repository for Pax Exam's probe bundles
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                        "file:${symbol_dollar}{karaf.home}/${symbol_dollar}{karaf.default.repository}@id=system.repository@snapshots,"
                                + "file:" + moduleRepo + "@id=module@snapshots,"
                                + "file:" + localRepo + "@id=local@snapshots"),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
                // free ports, so a running Sotay or another build never collides
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", PORTS[0]),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", PORTS[1]),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", PORTS[2]),
                systemProperty("sotay.http.port").value(PORTS[3]),
                systemProperty("sotay.http.host").value("127.0.0.1"),
                // a small demo province (the default is 57,597 members)
                editConfigurationFilePut("etc/org.sotay.registry.demo.cfg", "members", "1000"),
                systemProperty("module.version").value(System.getProperty("module.version")),
                // Pax Exam's own waits (10 s by default) are too short on a busy machine
                systemProperty("pax.exam.service.timeout").value("120000"),
                systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value("120000"),
                systemProperty("org.ops4j.pax.swissbox.tracker.ServiceLookup.DEFAULT_TIMEOUT").value("120000"),
                systemProperty("org.ops4j.pax.exam.invoker.junit.internal.JUnitProbeInvokerFactory.DEFAULT_TIMEOUT").value("120000"),
                // what Karaf's own bin/karaf passes on Java 17; Pax Exam 4.14 does not
                vmOptions("-Xmx768m", "-Djdk.util.zip.disableZip64ExtraFieldValidation=true",
                        "--add-reads=java.xml=java.logging",
                        "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                        "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + KARAF + ".jar",
                        "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + KARAF + ".jar",
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
                        "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED") };
    }

    @Test
    public void theFeatureInstallsIntoTheRunningDistributionAndItsEndpointsAnswer() throws Exception {
        await("the platform healthy", 300, () -> get("/v1/health", null).statusCode() == 200);
        await("the demo province's root unit", 300, () -> !roots().isEmpty());
        String root = roots().get(0);
        ServiceRegistration<AuthenticationProvider> auth = registerTestCallers(root);
        try {
            String repo = "mvn:${groupId}/${rootArtifactId}-features/" + System.getProperty("module.version") + "/xml/features";
            features.addRepository(URI.create(repo));
            features.installFeature(FEATURE);
            await("/v1/" + MODULE + "/items served", 120, () -> get("/v1/" + MODULE + "/items", WRITER).statusCode() == 200);
            // the health report lists the module by its Sotay-Module header, UP
            await("the module UP in the health report", 60, () -> "UP".equals(healthOf(MODULE)));

            // no token: 401; a token without the permission: 403
            assertEquals(401, get("/v1/" + MODULE + "/items", null).statusCode());
            assertEquals(403, get("/v1/" + MODULE + "/items", READER).statusCode());

            // create, with a Vietnamese title stored as sent (NFC, stripped)
            HttpResponse<String> created = send("POST", "/v1/" + MODULE + "/items", WRITER,
                    "{\"unitId\":\"" + root + "\",\"title\":\"  Chi bộ Thôn Đồng Tâm  \"}", null);
            assertEquals(created.body(), 201, created.statusCode());
            JsonNode item = JSON.readTree(created.body());
            assertEquals("Chi bộ Thôn Đồng Tâm", item.path("title").asText());
            String id = item.path("id").asText();
            assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/v1/" + MODULE + "/items/" + id));

            // read it back; the ETag answers 304 while nothing changed
            HttpResponse<String> read = get("/v1/" + MODULE + "/items/" + id, WRITER);
            assertEquals(200, read.statusCode());
            String tag = read.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, send("GET", "/v1/" + MODULE + "/items/" + id, WRITER, null, tag).statusCode());
            assertEquals(1, JSON.readTree(get("/v1/" + MODULE + "/items", WRITER).body()).path("total").asInt());

            // bad input: 400 problem+json naming every field at fault, and nothing written
            HttpResponse<String> bad = send("POST", "/v1/" + MODULE + "/items", WRITER, "{\"title\":\"\"}", null);
            assertEquals(bad.body(), 400, bad.statusCode());
            assertTrue(bad.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(bad.body(), bad.body().contains("\"unitId\"") && bad.body().contains("\"title\""));
            assertEquals(1, JSON.readTree(get("/v1/" + MODULE + "/items", WRITER).body()).path("total").asInt());

            // the module leaves; its paths go, the platform stays healthy
            features.uninstallFeature(FEATURE);
            await("/v1/" + MODULE + "/items gone", 120, () -> get("/v1/" + MODULE + "/items", WRITER).statusCode() == 404);
            await("the module gone from the health report", 60, () -> healthOf(MODULE) == null);
            assertEquals(200, get("/v1/health", null).statusCode());
        } finally {
            auth.unregister();
        }
    }

    /** A stand-in identity provider beside the real one (the same SPI): the writer holds both permissions at the root. */
    private ServiceRegistration<AuthenticationProvider> registerTestCallers(String root) {
        return context.registerService(AuthenticationProvider.class, new AuthenticationProvider() {
            @Override
            public boolean supports(String scheme) {
                return "Bearer".equalsIgnoreCase(scheme);
            }

            @Override
            public Optional<Caller> authenticate(String scheme, String credentials) {
                if (WRITER.equals(credentials)) {
                    return Optional.of(caller("it-writer", Set.of(root), Set.of(MODULE + ".item.read", MODULE + ".item.write")));
                }
                if (READER.equals(credentials)) {
                    return Optional.of(caller("it-reader", Set.of(root), Set.of()));
                }
                return Optional.empty();
            }
        }, new Hashtable<>());
    }

    private static Caller caller(String subject, Set<String> units, Set<String> permissions) {
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
                return permissions.contains(permission) ? units : Set.of();
            }
        };
    }

    /** The module's status in the public health report, {@code null} when it is not listed. */
    private static String healthOf(String module) {
        try {
            for (JsonNode m : JSON.readTree(get("/v1/health", null).body()).path("modules")) {
                if (module.equals(m.path("name").asText())) {
                    return m.path("status").asText();
                }
            }
            return null;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> roots() {
        ServiceReference<OrgTree> ref = context.getServiceReference(OrgTree.class);
        return ref == null ? List.of() : context.getService(ref).roots();
    }

    /** In the container from its system property; the ports are chosen once, in the JVM that configures the container. */
    private static String base() {
        return "http://127.0.0.1:" + System.getProperty("sotay.http.port", PORTS[3]) + "/api";
    }

    private static HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body, String ifNoneMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
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

    /** Polls {@code condition} every 200 ms until it holds or {@code seconds} pass. */
    private static void await(String what, int seconds, Supplier<Boolean> condition) {
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
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        fail("timed out after " + seconds + " s waiting for " + what + (last == null ? "" : ": " + last));
    }

    private static String[] freePorts(int n) {
        String[] ports = new String[n];
        ServerSocket[] held = new ServerSocket[n];
        try {
            for (int i = 0; i < n; i++) {
                held[i] = new ServerSocket(0);
                ports[i] = Integer.toString(held[i].getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    if (s != null) {
                        s.close();
                    }
                } catch (IOException ignored) {
                    // a probe socket
                }
            }
        }
    }
}
