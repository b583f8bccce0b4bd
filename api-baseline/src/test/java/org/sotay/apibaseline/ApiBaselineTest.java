package org.sotay.apibaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.version.Version;

/**
 * The API guard, proved with bnd's own code. The build runs {@code bnd-baseline-maven-plugin} on every bundle
 * that exports packages (root pom); this test checks that it really does for each of them, that the baseline
 * it compares with is intact, and that the comparison refuses what it must: an SPI ({@code @ConsumerType})
 * whose method signature changed is a major change, so its package without a major version bump fails, and
 * passes once bumped; a method added to a {@code @ProviderType} interface needs only a minor bump. The changed
 * bundles are compiled with javac and built with bnd's {@link Builder} from the baseline's own jar (the same
 * {@code @Export}/{@code @Version} annotations decide the manifest, as in the build), then compared with
 * {@link Baseline} as the plugin does.
 */
class ApiBaselineTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path REPOSITORY = ROOT.resolve("api-baseline/repository");
    private static final Map<String, Manifest> BUNDLES = new TreeMap<>();
    private static String baseline;

    @BeforeAll
    static void read() throws IOException {
        Matcher m = Pattern.compile("<sotay\\.api\\.baseline>([^<]+)</sotay\\.api\\.baseline>")
                .matcher(Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8));
        assertTrue(m.find(), "the root pom names the baseline in <sotay.api.baseline>");
        baseline = m.group(1).strip();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            Manifest mf = null;
            if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    mf = jar.getManifest();
                }
            } else if (Files.isRegularFile(p.resolve("META-INF/MANIFEST.MF"))) {
                try (InputStream in = Files.newInputStream(p.resolve("META-INF/MANIFEST.MF"))) {
                    mf = new Manifest(in);
                }
            }
            String bsn = mf == null ? null : mf.getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn != null && bsn.startsWith("org.sotay.")) {
                BUNDLES.put(bsn.split(";")[0].strip(), mf);
            }
        }
    }

    private static Path baselineJar(String bsn) {
        return REPOSITORY.resolve("org/sotay/" + bsn + "/" + baseline + "/" + bsn + "-" + baseline + ".jar");
    }

    /** Bundles new since the baseline (they have no release to be compared with yet): api-baseline/unreleased.txt. */
    private static Set<String> unreleased() throws IOException {
        try (Stream<String> lines = Files.lines(ROOT.resolve("api-baseline/unreleased.txt"))) {
            return lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The module directory of a bundle (artifactId = Bundle-SymbolicName), under bundles/ or samples/. */
    private static Path module(String bsn) throws IOException {
        for (Path candidate : List.of(ROOT.resolve("samples").resolve(bsn), ROOT.resolve("bundles").resolve(bsn.split("\\.")[2]).resolve(bsn))) {
            if (Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void everyBundleThatExportsPackagesIsBaselinedByTheBuild() throws IOException {
        assertTrue(BUNDLES.containsKey("org.sotay.notify.api") && BUNDLES.containsKey("org.sotay.notify.impl"), "the bundles are read: " + BUNDLES.keySet());
        Set<String> unreleased = unreleased();
        List<String> exporting = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (var e : BUNDLES.entrySet()) {
            String bsn = e.getKey();
            Path module = module(bsn);
            assertNotNull(module, "the module of " + bsn);
            boolean optedIn = Files.readString(module.resolve("pom.xml")).contains("<bnd.baseline.skip>false</bnd.baseline.skip>");
            boolean exports = e.getValue().getMainAttributes().getValue("Export-Package") != null;
            if (!exports) {
                if (optedIn) {
                    problems.add(bsn + " exports nothing but its pom turns baselining on");
                }
                continue;
            }
            exporting.add(bsn);
            boolean released = Files.isRegularFile(baselineJar(bsn));
            if (released && !optedIn) {
                problems.add(bsn + " exports packages but its pom does not set <bnd.baseline.skip>false</bnd.baseline.skip>: the build does not guard them");
            } else if (!released && !unreleased.contains(bsn)) {
                problems.add(bsn + " exports packages but api-baseline " + baseline + " has no jar of it: cut the baseline at the next release, "
                        + "and until then name it in api-baseline/unreleased.txt");
            } else if (!released && optedIn) {
                problems.add(bsn + " is unreleased: its pom must not turn baselining on before api-baseline has a jar of it");
            }
        }
        assertTrue(exporting.size() >= 8, "the API bundles are found: " + exporting);
        assertEquals(List.of(), problems);
    }

    @Test
    void theBaselineRepositoryIsIntactAndNotShadowedByAStaleCopy() throws Exception {
        List<String> problems = new ArrayList<>();
        int jars = 0;
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".pom") || p.toString().endsWith(".xml"))::iterator) {
                Path sha1 = f.resolveSibling(f.getFileName() + ".sha1");
                if (!Files.isRegularFile(sha1) || !Files.readString(sha1).strip().equals(sha1(f))) {
                    problems.add(REPOSITORY.relativize(f) + ": its .sha1 does not match (the build refuses it: checksumPolicy fail)");
                }
                if (f.toString().endsWith(".jar")) {
                    jars++;
                    // Maven copies a release into the local repository once and never looks again: a baseline cut
                    // anew under the same version would not be seen (make-baseline.sh --force deletes that copy).
                    Path cached = Path.of(System.getProperty("user.home"), ".m2/repository").resolve(REPOSITORY.relativize(f));
                    if (Files.isRegularFile(cached) && !sha1(cached).equals(sha1(f))) {
                        problems.add(cached + " differs from " + REPOSITORY.relativize(f) + ": delete the stale copy");
                    }
                }
            }
        }
        assertTrue(jars >= 8, "api-baseline " + baseline + " holds the API bundles: " + jars);
        assertEquals(List.of(), problems);
    }

    private static String sha1(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(f)));
    }

    // ---- the proof: bnd refuses an incompatible change without the version it needs ----

    private static final String CHANNEL_CHANGED = """
            package org.sotay.notify.spi;

            @org.osgi.annotation.versioning.ConsumerType
            public interface NotificationChannel {
                String id();

                /** the signature changed: a locale added */
                void send(Outgoing message, String locale) throws Exception;
            }
            """;

    private static final String CHANNEL_WITH_A_METHOD_MORE = """
            package org.sotay.notify.spi;

            @org.osgi.annotation.versioning.ConsumerType
            public interface NotificationChannel {
                String id();

                void send(Outgoing message) throws Exception;

                /** a method added: every plugin implementing the interface breaks */
                boolean accepts(String kind);
            }
            """;

    private static final String INBOX_WITH_A_METHOD_MORE = """
            package org.sotay.notify.api;

            import org.sotay.core.api.Page;
            import org.sotay.core.api.PageRequest;

            @org.osgi.annotation.versioning.ProviderType
            public interface InboxService {
                Inbox inbox(long after, int limit);
                String version();
                void markRead(String id);
                int markAllRead(long upTo);
                Page<Delivery> failures(PageRequest page);
                Delivery retry(String deliveryId);

                /** a method added: only the notify module implements the interface */
                int unreadCount();
            }
            """;

    private static String packageInfo(String pkg, String version) {
        return "@org.osgi.annotation.bundle.Export\n@org.osgi.annotation.versioning.Version(\"" + version + "\")\npackage " + pkg + ";\n";
    }

    @TempDir
    Path work;

    /**
     * Builds org.sotay.notify.api as released in the baseline with {@code sources} (path to text) compiled over
     * it, as bnd builds our bundles (packages exported by their {@code @Export}/{@code @Version}), and baselines
     * it against the released jar. Returns the package infos by name.
     */
    private Map<String, Baseline.Info> changeNotifyApi(Map<String, String> sources) throws Exception {
        Path released = baselineJar("org.sotay.notify.api");
        assertTrue(Files.isRegularFile(released), released.toString());
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        // the released classes, then the changed ones compiled over them
        try (Jar old = new Jar(released.toFile())) {
            old.writeFolder(classes.toFile());
        }
        Files.deleteIfExists(classes.resolve("META-INF/MANIFEST.MF"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(), "-cp",
                String.join(File.pathSeparator, classes.toString(), baselineJar("org.sotay.core.api").toString(), jarOf(org.osgi.annotation.versioning.Version.class))));
        for (var e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        if (!sources.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            assertNotNull(javac, "a JDK compiler");
            assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "the changed sources compile");
        }

        try (Builder b = new Builder(); Jar old = new Jar(released.toFile())) {
            b.setBase(work.toFile());
            b.addClasspath(classes.toFile());
            b.addClasspath(baselineJar("org.sotay.core.api").toFile());
            b.setProperty("Bundle-SymbolicName", "org.sotay.notify.api");
            b.setProperty("Bundle-Version", old.getManifest().getMainAttributes().getValue("Bundle-Version"));
            // the root pom's instructions: only @Export packages leave the bundle
            b.setProperty("-exportcontents", "");
            b.setProperty("-privatepackage", "org.sotay.notify.*");
            b.setProperty("-noimportjava", "true");
            b.setProperty("-noextraheaders", "true");
            try (Jar changed = b.build()) {
                assertEquals(List.of(), b.getErrors(), "bnd builds the changed bundle");
                Parameters exports = new Parameters(changed.getManifest().getMainAttributes().getValue("Export-Package"));
                assertTrue(exports.containsKey("org.sotay.notify.spi") && exports.containsKey("org.sotay.notify.api"), exports.toString());

                Processor reporter = new Processor();
                Baseline baseliner = new Baseline(reporter, new DiffPluginImpl());
                Map<String, Baseline.Info> infos = new TreeMap<>();
                for (Baseline.Info info : baseliner.baseline(changed, old, null)) {
                    infos.put(info.packageName, info);
                }
                assertEquals(List.of(), reporter.getErrors(), "bnd baselines without errors");
                return infos;
            }
        }
    }

    private static String jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void anSpiMethodSignatureChangedWithoutAMajorBumpFailsTheBaseline() throws Exception {
        Map<String, Baseline.Info> infos = changeNotifyApi(Map.of("org/sotay/notify/spi/NotificationChannel.java", CHANNEL_CHANGED));
        Baseline.Info spi = infos.get("org.sotay.notify.spi");
        assertTrue(spi.mismatch, "a changed signature with the version unchanged is refused: " + spi.suggestedVersion);
        assertEquals(new Version(1, 0, 0), spi.newerVersion);
        assertEquals(new Version(2, 0, 0), spi.suggestedVersion, "a major change");
        assertFalse(infos.get("org.sotay.notify.api").mismatch, "the API package, versioned apart, is not touched");
    }

    @Test
    void theSameChangeWithTheMajorVersionBumpedPasses() throws Exception {
        Map<String, Baseline.Info> infos = changeNotifyApi(Map.of("org/sotay/notify/spi/NotificationChannel.java", CHANNEL_CHANGED,
                "org/sotay/notify/spi/package-info.java", packageInfo("org.sotay.notify.spi", "2.0.0")));
        Baseline.Info spi = infos.get("org.sotay.notify.spi");
        assertEquals(new Version(2, 0, 0), spi.newerVersion);
        assertFalse(spi.mismatch, "2.0.0 is what the change needs");
        assertTrue(infos.values().stream().noneMatch(i -> i.mismatch), "nothing else to bump");
    }

    @Test
    void aMinorBumpIsNotEnoughForAMethodAddedToAnSpi() throws Exception {
        Map<String, Baseline.Info> infos = changeNotifyApi(Map.of("org/sotay/notify/spi/NotificationChannel.java", CHANNEL_WITH_A_METHOD_MORE,
                "org/sotay/notify/spi/package-info.java", packageInfo("org.sotay.notify.spi", "1.1.0")));
        Baseline.Info spi = infos.get("org.sotay.notify.spi");
        assertTrue(spi.mismatch, "a method added to a @ConsumerType breaks its implementers: 1.1.0 is too low");
        assertEquals(new Version(2, 0, 0), spi.suggestedVersion);
    }

    @Test
    void aMethodAddedToAProviderTypeNeedsOnlyAMinorBump() throws Exception {
        Map<String, Baseline.Info> unbumped = changeNotifyApi(Map.of("org/sotay/notify/api/InboxService.java", INBOX_WITH_A_METHOD_MORE));
        Baseline.Info api = unbumped.get("org.sotay.notify.api");
        assertTrue(api.mismatch, "not bumped at all: refused");
        assertEquals(new Version(1, 1, 0), api.suggestedVersion, "a minor change: clients calling the service are not broken");
        assertFalse(unbumped.get("org.sotay.notify.spi").mismatch);
    }

    @Test
    void aMethodAddedToAProviderTypeWithTheMinorBumpPasses() throws Exception {
        Map<String, Baseline.Info> infos = changeNotifyApi(Map.of("org/sotay/notify/api/InboxService.java", INBOX_WITH_A_METHOD_MORE,
                "org/sotay/notify/api/package-info.java", packageInfo("org.sotay.notify.api", "1.1.0")));
        assertTrue(infos.values().stream().noneMatch(i -> i.mismatch), infos.keySet().toString());
    }

    @Test
    void theReleasedBundleBaselinesCleanlyAgainstItself() throws Exception {
        // the control: no change, no mismatch (so the refusals above come from the changes, not from the set-up)
        Map<String, Baseline.Info> infos = changeNotifyApi(Map.of());
        assertEquals(Set.of("org.sotay.notify.api", "org.sotay.notify.spi"), infos.keySet());
        assertTrue(infos.values().stream().noneMatch(i -> i.mismatch), infos.keySet().toString());
    }
}
