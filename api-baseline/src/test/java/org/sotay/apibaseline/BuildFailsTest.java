package org.sotay.apibaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The bar of the issue, literally: changing a method signature in an SPI without a major version bump fails
 * the build. A copy of {@code bundles/notify/org.sotay.notify.api} (same coordinates, same parent poms, so the
 * root pom's baselining applies to it as to the real one) with {@code NotificationChannel.send} changed is
 * built by this repository's own {@code ./mvnw -o package}; the build must fail with bnd's baseline report
 * naming {@code org.sotay.notify.spi}, and the same copy with {@code @Version("2.0.0")} must build. Each build
 * takes about ten seconds.
 */
class BuildFailsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path MODULE = ROOT.resolve("bundles/notify/org.sotay.notify.api");
    private static final String SPI = "src/main/java/org/sotay/notify/spi/";

    /** A copy of the notify API module under target/, with the SPI changed; returns its directory. */
    private static Path changedCopy(String name, boolean majorBump) throws IOException {
        Path copy = ROOT.resolve("api-baseline/target/probe-" + name + "/org.sotay.notify.api");
        if (Files.exists(copy.getParent())) {
            try (Stream<Path> old = Files.walk(copy.getParent())) {
                for (Path p : (Iterable<Path>) old.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> files = Files.walk(MODULE.resolve("src/main"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path to = copy.resolve(MODULE.relativize(f));
                Files.createDirectories(to.getParent());
                Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        // the same pom, its parent found where it is (bundles/pom.xml), core.api as released in the baseline
        // (the copy is built alone, outside the reactor, so it must not depend on the snapshot in ~/.m2)
        String pom = Files.readString(MODULE.resolve("pom.xml"), StandardCharsets.UTF_8);
        String parent = copy.relativize(ROOT.resolve("bundles/pom.xml")).toString();
        pom = replaceOnce(pom, "<relativePath>../../pom.xml</relativePath>", "<relativePath>" + parent + "</relativePath>");
        String coreApi = "${maven.multiModuleProjectDirectory}/api-baseline/repository/org/sotay/org.sotay.core.api/0.1.0/org.sotay.core.api-0.1.0.jar";
        assertTrue(Files.isRegularFile(ROOT.resolve(coreApi.substring(coreApi.indexOf('/') + 1))), coreApi);
        pom = replaceOnce(pom, "<dependency><groupId>org.sotay</groupId><artifactId>org.sotay.core.api</artifactId></dependency>",
                "<dependency><groupId>org.sotay</groupId><artifactId>org.sotay.core.api</artifactId><scope>system</scope><systemPath>" + coreApi
                        + "</systemPath></dependency>");
        Files.writeString(copy.resolve("pom.xml"), pom, StandardCharsets.UTF_8);

        Path channel = copy.resolve(SPI + "NotificationChannel.java");
        Files.writeString(channel, replaceOnce(Files.readString(channel), "void send(Outgoing message) throws Exception;",
                "void send(Outgoing message, String locale) throws Exception;"));
        if (majorBump) {
            Path info = copy.resolve(SPI + "package-info.java");
            Files.writeString(info, replaceOnce(Files.readString(info), "@org.osgi.annotation.versioning.Version(\"1.0.0\")",
                    "@org.osgi.annotation.versioning.Version(\"2.0.0\")"));
        }
        return copy;
    }

    private static String replaceOnce(String text, String old, String replacement) {
        assertTrue(text.contains(old), "expected in the module as it is: " + old);
        return text.replace(old, replacement);
    }

    /** ./mvnw -o -B package of {@code module}; returns the exit code and the output. */
    private static Result build(Path module) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-o", "-B", "-DskipTests", "package", "-f",
                module.resolve("pom.xml").toString()));
        Path log = module.getParent().resolve("build.log");
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the build did not end in 180 s: " + log);
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    record Result(int exit, String output) {
    }

    @Test
    void anSpiMethodSignatureChangedWithoutAMajorBumpFailsTheBuild() throws Exception {
        Result r = build(changedCopy("unbumped", false));
        assertTrue(r.output().contains("BUILD FAILURE"), r.output());
        assertTrue(r.exit() != 0, "exit " + r.exit());
        assertTrue(r.output().contains("bnd-baseline-maven-plugin:7.1.0:baseline (api-baseline) on project org.sotay.notify.api"), r.output());
        // bnd's verdict: the package starred, MAJOR, new 1.0.0, old 1.0.0, 2.0.0 suggested
        assertTrue(Pattern.compile("\\* org\\.sotay\\.notify\\.spi\\s+PACKAGE\\s+MAJOR\\s+1\\.0\\.0\\s+1\\.0\\.0\\s+2\\.0\\.0").matcher(r.output()).find(),
                r.output());
        assertTrue(r.output().contains("ADDED            METHOD     send(org.sotay.notify.spi.Outgoing,java.lang.String)"), r.output());
    }

    @Test
    void theSameChangeWithTheMajorVersionBumpedBuilds() throws Exception {
        Result r = build(changedCopy("bumped", true));
        assertTrue(r.output().contains("Baseline check succeeded"), r.output());
        assertTrue(r.output().contains("BUILD SUCCESS"), r.output());
        assertEquals(0, r.exit());
    }
}
