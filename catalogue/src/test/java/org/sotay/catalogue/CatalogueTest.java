package org.sotay.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The extension catalogue cannot drift from the code: every SPI (a type annotated {@code @ConsumerType}
 * in a package a Sotay bundle exports) and every configuration PID with each of its properties (the
 * metatype bnd wrote into the built bundles) must be named in {@code docs/integrators/catalogue.md}, and
 * every PID heading there must exist. The bundles are read as built (jars, or target/classes in a
 * reactor), from the test classpath.
 */
class CatalogueTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String CONSUMER_TYPE = "Lorg/osgi/annotation/versioning/ConsumerType;";
    private static final List<Bundle> BUNDLES = new ArrayList<>();
    private static String catalogue;

    /** A Sotay bundle on the classpath: a jar or a classes directory. */
    record Bundle(String symbolicName, Path location, Manifest manifest) {
        boolean isJar() {
            return Files.isRegularFile(location);
        }

        /** name to bytes of every entry under {@code prefix}, not in subfolders when {@code flat}. */
        Map<String, byte[]> entries(String prefix, boolean flat) throws IOException {
            Map<String, byte[]> out = new TreeMap<>();
            if (isJar()) {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (var e : (Iterable<java.util.jar.JarEntry>) jar.stream()::iterator) {
                        String n = e.getName();
                        if (!e.isDirectory() && n.startsWith(prefix) && (!flat || n.indexOf('/', prefix.length()) < 0)) {
                            try (InputStream in = jar.getInputStream(e)) {
                                out.put(n, in.readAllBytes());
                            }
                        }
                    }
                }
            } else {
                Path dir = location.resolve(prefix);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = flat ? Files.list(dir) : Files.walk(dir)) {
                        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                            out.put(location.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                        }
                    }
                }
            }
            return out;
        }
    }

    @BeforeAll
    static void read() throws IOException {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            Manifest m = null;
            if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    m = jar.getManifest();
                }
            } else if (Files.isRegularFile(p.resolve("META-INF/MANIFEST.MF"))) {
                try (InputStream in = Files.newInputStream(p.resolve("META-INF/MANIFEST.MF"))) {
                    m = new Manifest(in);
                }
            }
            String bsn = m == null ? null : m.getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn != null && bsn.startsWith("org.sotay.")) {
                BUNDLES.add(new Bundle(bsn.split(";")[0].strip(), p, m));
            }
        }
        catalogue = Files.readString(ROOT.resolve("docs/integrators/catalogue.md"), StandardCharsets.UTF_8);
    }

    /** The SPIs: {@code @ConsumerType} types of exported packages, as {@code package.Type}. */
    static TreeSet<String> spis() throws IOException {
        TreeSet<String> out = new TreeSet<>();
        for (Bundle b : BUNDLES) {
            for (String pkg : exports(b.manifest())) {
                for (var e : b.entries(pkg.replace('.', '/') + "/", true).entrySet()) {
                    String name = e.getKey();
                    if (name.endsWith(".class") && !name.endsWith("package-info.class") && annotatedConsumerType(e.getValue())) {
                        out.add(name.substring(0, name.length() - ".class".length()).replace('/', '.').replace('$', '.'));
                    }
                }
            }
        }
        return out;
    }

    /** The PIDs of the built bundles' metatype, each with its property ids in declaration order. */
    static Map<String, List<String>> pids() throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        for (Bundle b : BUNDLES) {
            for (byte[] xml : b.entries("OSGI-INF/metatype/", true).values()) {
                Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
                Map<String, List<String>> ocds = new LinkedHashMap<>();
                NodeList ocdNodes = d.getElementsByTagNameNS("*", "OCD");
                for (int i = 0; i < ocdNodes.getLength(); i++) {
                    Element ocd = (Element) ocdNodes.item(i);
                    List<String> ads = new ArrayList<>();
                    NodeList adNodes = ocd.getElementsByTagNameNS("*", "AD");
                    for (int j = 0; j < adNodes.getLength(); j++) {
                        ads.add(((Element) adNodes.item(j)).getAttribute("id"));
                    }
                    ocds.put(ocd.getAttribute("id"), ads);
                }
                NodeList designates = d.getElementsByTagNameNS("*", "Designate");
                for (int i = 0; i < designates.getLength(); i++) {
                    Element des = (Element) designates.item(i);
                    String pid = des.getAttribute("pid").isEmpty() ? des.getAttribute("factoryPid") : des.getAttribute("pid");
                    Element object = (Element) des.getElementsByTagNameNS("*", "Object").item(0);
                    out.put(pid, ocds.getOrDefault(object.getAttribute("ocdref"), List.of()));
                }
                if (designates.getLength() == 0) {
                    out.putAll(ocds); // an OCD nothing designates is still a documented PID by its id
                }
            }
        }
        return out;
    }

    @Test
    void theBundlesAreOnTheClasspath() {
        List<String> names = BUNDLES.stream().map(Bundle::symbolicName).sorted().toList();
        for (String expected : List.of("org.sotay.core.api", "org.sotay.notify.api", "org.sotay.reporting.api", "org.sotay.handbook.api",
                "org.sotay.notify.impl", "org.sotay.sample.sms")) {
            assertTrue(names.contains(expected), expected + " is read: " + names);
        }
    }

    @Test
    void everySpiIsInTheCatalogue() throws IOException {
        TreeSet<String> spis = spis();
        // the scan finds what it should (so an empty catalogue cannot pass by an empty scan)
        for (String known : List.of("org.sotay.notify.spi.NotificationChannel", "org.sotay.reporting.spi.ReportContributor",
                "org.sotay.core.api.health.HealthIndicator", "org.sotay.core.api.security.AuthenticationProvider")) {
            assertTrue(spis.contains(known), known + " found among " + spis);
        }
        List<String> missing = new ArrayList<>();
        for (String spi : spis) {
            if (!catalogue.contains("`" + spi + "`")) {
                missing.add(spi);
            }
        }
        assertEquals(List.of(), missing, "SPIs (@ConsumerType in an exported package) that docs/integrators/catalogue.md does not name as `package.Type`");
    }

    @Test
    void everyPidAndPropertyIsInTheCatalogue() throws Exception {
        Map<String, List<String>> pids = pids();
        assertTrue(pids.containsKey("org.sotay.notify") && pids.get("org.sotay.notify").contains("channels"), "the scan reads metatype: " + pids.keySet());
        assertTrue(pids.containsKey("org.sotay.sample.sms"), pids.keySet().toString());
        List<String> missing = new ArrayList<>();
        for (var e : pids.entrySet()) {
            String section = section(e.getKey());
            if (section == null) {
                missing.add("PID " + e.getKey() + " (a heading ### PID `" + e.getKey() + "`)");
                continue;
            }
            for (String property : e.getValue()) {
                if (!section.contains("`" + property + "`")) {
                    missing.add(e.getKey() + ": `" + property + "`");
                }
            }
        }
        assertEquals(List.of(), missing, "configuration the catalogue does not describe");
    }

    @Test
    void everyPidTheCatalogueNamesExists() throws Exception {
        Map<String, List<String>> pids = pids();
        List<String> unknown = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^### PID `([^`]+)`").matcher(catalogue);
        while (m.find()) {
            if (!pids.containsKey(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        assertEquals(List.of(), unknown, "PIDs in the catalogue that no bundle declares");
    }

    @Test
    void theBomListsEveryApiBundle() throws IOException {
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"), StandardCharsets.UTF_8);
        String modules = Files.readString(ROOT.resolve("bundles/pom.xml"), StandardCharsets.UTF_8)
                + Files.readString(ROOT.resolve("samples/pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<module>(?:[a-z]+/)?(org\\.sotay\\.[a-z.]+\\.api)</module>").matcher(modules);
        List<String> missing = new ArrayList<>();
        int apis = 0;
        while (m.find()) {
            apis++;
            if (!bom.contains("<artifactId>" + m.group(1) + "</artifactId>")) {
                missing.add(m.group(1));
            }
        }
        assertTrue(apis >= 8, apis + " API modules found");
        assertEquals(List.of(), missing, "API bundles bom/pom.xml does not manage");
    }

    /**
     * The event classes of exported packages (a class named {@code *Events}), each with its public
     * constants: value to constant name, topics ({@code a/b/C}) apart from payload property names.
     */
    static Map<String, Map<String, Map<String, String>>> events() throws Exception {
        Map<String, Map<String, Map<String, String>>> out = new TreeMap<>();
        for (Bundle b : BUNDLES) {
            for (String pkg : exports(b.manifest())) {
                for (String name : b.entries(pkg.replace('.', '/') + "/", true).keySet()) {
                    if (!name.endsWith("Events.class") || name.contains("$")) {
                        continue;
                    }
                    String type = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                    Map<String, String> topics = new TreeMap<>();
                    Map<String, String> properties = new TreeMap<>();
                    for (java.lang.reflect.Field f : Class.forName(type, false, CatalogueTest.class.getClassLoader()).getFields()) {
                        int mod = f.getModifiers();
                        if (java.lang.reflect.Modifier.isStatic(mod) && java.lang.reflect.Modifier.isFinal(mod) && f.getType() == String.class) {
                            String value = (String) f.get(null);
                            (value.contains("/") ? topics : properties).put(value, f.getName());
                        }
                    }
                    out.put(type, Map.of("topics", topics, "properties", properties));
                }
            }
        }
        return out;
    }

    @Test
    void everyEventTopicAndPayloadPropertyIsInTheCatalogue() throws Exception {
        Map<String, Map<String, Map<String, String>>> events = events();
        // the scan finds what it should (so an empty catalogue cannot pass by an empty scan)
        assertTrue(events.containsKey("org.sotay.registry.api.RegistryEvents") && events.containsKey("org.sotay.meetings.api.MeetingEvents")
                && events.get("org.sotay.meetings.api.MeetingEvents").get("topics").containsKey("org/sotay/meetings/meeting/HELD"),
                "the scan reads the event classes: " + events.keySet());
        List<String> missing = new ArrayList<>();
        for (var e : events.entrySet()) {
            String section = sectionOf("### `" + e.getKey() + "`");
            if (section == null) {
                missing.add(e.getKey() + " (a heading ### `" + e.getKey() + "`)");
                continue;
            }
            for (var kind : e.getValue().values()) {
                for (var c : kind.entrySet()) {
                    if (!section.contains("`" + c.getKey() + "`")) {
                        missing.add(e.getKey() + "." + c.getValue() + ": `" + c.getKey() + "`");
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "event topics and payload properties the catalogue does not describe under their class");
    }

    @Test
    void everyTopicTheCatalogueNamesExists() throws Exception {
        java.util.Set<String> topics = new TreeSet<>();
        events().values().forEach(e -> topics.addAll(e.get("topics").keySet()));
        List<String> unknown = new ArrayList<>();
        Matcher m = Pattern.compile("`(org/sotay/[A-Za-z0-9_/]+)`").matcher(catalogue);
        while (m.find()) {
            if (!topics.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        assertEquals(List.of(), unknown, "topics in the catalogue that no event class declares");
    }

    /** The catalogue's text from the heading of {@code pid} to the next heading of its level or above. */
    private static String section(String pid) {
        return sectionOf("### PID `" + pid + "`");
    }

    /** The catalogue's text from {@code heading} (a whole heading, or one followed by more words) to the next heading of its level or above. */
    private static String sectionOf(String heading) {
        int start = catalogue.indexOf(heading + "\n");
        if (start < 0) {
            start = catalogue.indexOf(heading + " ");
        }
        if (start < 0) {
            return null;
        }
        Matcher next = Pattern.compile("(?m)^#{1,3} ").matcher(catalogue);
        int end = next.find(start + heading.length()) ? next.start() : catalogue.length();
        return catalogue.substring(start, end);
    }

    private static List<String> exports(Manifest m) {
        String header = m.getMainAttributes().getValue("Export-Package");
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        // package;version="1.0.0";uses:="a,b",next... : split on commas outside quotes
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                String p = part.toString().strip();
                if (!p.isEmpty()) {
                    out.add(p.split(";")[0].strip());
                }
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        return out;
    }

    /** Whether a class file carries {@code @ConsumerType}: its descriptor in the constant pool (it targets types only). */
    static boolean annotatedConsumerType(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            return false;
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> {
                    if (in.readUTF().equals(CONSUMER_TYPE)) {
                        return true;
                    }
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return false;
    }
}
