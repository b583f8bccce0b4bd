package org.sotay.sample.sms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotay.notify.spi.Outgoing;

import com.sun.net.httpserver.HttpServer;

/** The channel against a fake gateway on loopback: what it sends, how it fails, its rate limit, and what it logs. */
class SmsChannelTest {
    private static final String ACCOUNT = "acc-1";
    private static final String NATIONAL = "0912 345 678";
    private static final String E164 = "+84912345678";
    private static final PrintStream REAL_ERR = System.err;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    /** One request as the gateway received it. */
    record Received(String authorization, String contentType, String body) {
    }

    private HttpServer gateway;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Status codes to answer with, in order; 200 when empty. */
    private final ConcurrentLinkedDeque<Integer> answers = new ConcurrentLinkedDeque<>();
    private volatile long delayMs;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T01:00:00Z"));

    @TempDir
    Path dir;
    private Path phoneBook;

    @BeforeAll
    static void captureLog() {
        // slf4j-simple writes to whatever System.err is at the time of each line
        System.setErr(new PrintStream(new TeeStream(LOG, REAL_ERR), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void noFullNumberLogged() {
        System.setErr(REAL_ERR);
        String log = LOG.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("*********678"), "the masked number is logged (so the capture works): " + log);
        for (String spelling : List.of("912345678", "912 345 678", "84912345678")) {
            assertFalse(log.contains(spelling), "the log holds the number " + spelling + ":\n" + log);
        }
    }

    @BeforeEach
    void start() throws IOException {
        phoneBook = dir.resolve("phones.csv");
        Files.writeString(phoneBook, "# accountId,phone\n" + ACCOUNT + "," + NATIONAL + "\nacc-bad,not a number\n", StandardCharsets.UTF_8);
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.setExecutor(Executors.newFixedThreadPool(4));
        gateway.createContext("/send", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = answers.pollFirst();
            int code = status == null ? 200 : status;
            // a gateway that echoes the number in its answer, as real ones do
            byte[] answer = ("{\"status\":" + code + ",\"to\":\"" + E164 + "\",\"msisdn\":\"0912345678\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + gateway.getAddress().getPort() + "/send";
    }

    private Map<String, Object> config() {
        Map<String, Object> c = new HashMap<>();
        c.put("gatewayUrl", url());
        c.put("username", "sotay");
        c.put("password", "bí mật");
        c.put("sender", "TINHUY");
        c.put("phoneBook", phoneBook.toString());
        c.put("ratePerMinute", 30);
        // generous: a loaded 2-core machine's first call (JIT, the client's threads) can take a second
        c.put("timeoutSeconds", 15);
        return c;
    }

    private SmsChannel channel(Map<String, Object> config) {
        return new SmsChannel(SmsSettings.of(config(SmsConfig.class, config)), clock);
    }

    private static Outgoing message(String id) {
        return new Outgoing(id, ACCOUNT, "meeting.reminder", "Nhắc lịch: họp chi bộ tháng 12", "Reminder: December cell meeting",
                "Thứ Bảy 05/12, 8 giờ, nhà văn hóa \"Tổ 3\"", "Saturday 5 December, 8:00", "https://sotay.example/m/1");
    }

    @Test
    void postsTheMessageWithBasicAuthToTheNumberOfTheAccount() throws Exception {
        channel(config()).send(message("msg-1"));

        assertEquals(1, received.size());
        Received r = received.get(0);
        assertEquals("Basic " + Base64.getEncoder().encodeToString("sotay:bí mật".getBytes(StandardCharsets.UTF_8)), r.authorization());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals("{\"from\":\"TINHUY\",\"to\":\"+84912345678\",\"text\":\"Nhắc lịch: họp chi bộ tháng 12\\nThứ Bảy 05/12, 8 giờ, nhà văn hóa "
                + "\\\"Tổ 3\\\"\\nhttps://sotay.example/m/1\",\"reference\":\"msg-1\"}", r.body());
    }

    @Test
    void anApiKeyIsABearerTokenAndEnglishAndTheLengthAreConfigured() throws Exception {
        Map<String, Object> c = config();
        c.remove("username");
        c.remove("password");
        c.put("apiKey", "k-123");
        c.put("language", "en");
        c.put("maxChars", 70);
        channel(c).send(message("msg-2"));

        Received r = received.get(0);
        assertEquals("Bearer k-123", r.authorization());
        String text = "Reminder: December cell meeting\nSaturday 5 December, 8:00\nhttps://sot…";
        assertEquals(70, text.codePointCount(0, text.length()));
        assertTrue(r.body().contains("\"text\":" + SmsChannel.json(text)), r.body());
    }

    @Test
    void aServerErrorThrowsSoNotifyRetriesAndTheRetrySucceeds() throws Exception {
        SmsChannel sms = channel(config());
        answers.add(500);

        SmsException first = assertThrows(SmsException.class, () -> sms.send(message("msg-3")));
        assertFalse(first.permanent());
        assertTrue(first.getMessage().startsWith("the gateway answered 500"), first.getMessage());
        assertFalse(first.getMessage().contains("912345678"), first.getMessage());

        sms.send(message("msg-3"));
        assertEquals(2, received.size());
        assertEquals(received.get(0).body(), received.get(1).body());
    }

    @Test
    void aClientErrorIsPermanentAndNeverCarriesTheNumber() {
        answers.add(401);
        SmsException e = assertThrows(SmsException.class, () -> channel(config()).send(message("msg-4")));
        assertTrue(e.permanent());
        assertTrue(e.getMessage().startsWith("permanent failure, not helped by a retry: the gateway answered 401"), e.getMessage());
        assertTrue(e.getMessage().contains("*********678"), e.getMessage());
        assertFalse(e.getMessage().contains("912345678"), e.getMessage());
        assertFalse(e.getMessage().contains("0912345678"), e.getMessage());
    }

    @Test
    void aSlowGatewayIsATimeoutThatThrows() {
        delayMs = 2_500;
        Map<String, Object> c = config();
        c.put("timeoutSeconds", 1);
        SmsChannel sms = channel(c);
        long start = System.nanoTime();
        SmsException e = assertThrows(SmsException.class, () -> sms.send(message("msg-5")));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertFalse(e.permanent());
        assertEquals("the gateway did not answer within 1 s", e.getMessage());
        assertTrue(ms < 2_400, "gave up after " + ms + " ms");
    }

    @Test
    void aGatewayThatIsDownThrowsToo() {
        Map<String, Object> c = config();
        gateway.stop(0);
        SmsException e = assertThrows(SmsException.class, () -> channel(c).send(message("msg-6")));
        assertFalse(e.permanent());
        assertTrue(e.getMessage().startsWith("cannot connect to the gateway"), e.getMessage());
    }

    @Test
    void theMessageOverTheRateIsRefusedUntilAMinuteHasPassed() throws Exception {
        Map<String, Object> c = config();
        c.put("ratePerMinute", 3);
        SmsChannel sms = channel(c);
        sms.send(message("r-1"));
        clock.advance(Duration.ofSeconds(20));
        sms.send(message("r-2"));
        sms.send(message("r-3"));

        SmsException refused = assertThrows(SmsException.class, () -> sms.send(message("r-4")));
        assertEquals("rate limit of 3 messages a minute reached; a slot frees in 40 s", refused.getMessage());
        assertEquals(3, received.size(), "the fourth never reached the gateway");

        clock.advance(Duration.ofSeconds(39));
        assertThrows(SmsException.class, () -> sms.send(message("r-4")));
        clock.advance(Duration.ofSeconds(1));
        sms.send(message("r-4"));                     // the first one's minute is over
        assertEquals(4, received.size());
        assertThrows(SmsException.class, () -> sms.send(message("r-5")));
    }

    @Test
    void anAccountWithoutANumberIsAPermanentFailureAndTheBookIsReReadWhenItChanges() throws Exception {
        SmsChannel sms = channel(config());
        Outgoing other = new Outgoing("msg-7", "acc-2", "meeting.reminder", "t", "t", "b", "b", null);
        SmsException e = assertThrows(SmsException.class, () -> sms.send(other));
        assertTrue(e.permanent());
        assertEquals("permanent failure, not helped by a retry: the phone book has no number for account acc-2", e.getMessage());
        assertEquals(0, received.size());

        Files.writeString(phoneBook, "acc-2,+84 987 654 321\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(phoneBook, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        sms.send(other);
        assertTrue(received.get(0).body().contains("\"to\":\"+84987654321\""), received.get(0).body());
    }

    @Test
    void aWrongConfigurationNamesEveryProblemInOneLogLineAndTheChannelDoesNotStart() {
        Map<String, Object> c = new HashMap<>();
        c.put("gatewayUrl", "http://sms.example.vn/send");
        c.put("sender", "TINH UY DAK LAK");
        c.put("ratePerMinute", 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SmsChannel(config(SmsConfig.class, c)));
        assertEquals("The SMS channel's configuration (PID org.sotay.sample.sms) is wrong: gatewayUrl must be an https URL (http only on loopback): "
                + "http://sms.example.vn/send; credentials are missing: set apiKey, or username and password; sender must be a brandname of 1 to 11 "
                + "letters or digits, or a number: 'TINH UY DAK LAK'; ratePerMinute must be between 1 and 6000: 0; phoneBook is missing (the file "
                + "of accountId,phone lines)", e.getMessage());
        assertTrue(LOG.toString(StandardCharsets.UTF_8).contains("ERROR " + SmsChannel.class.getName() + " - " + e.getMessage() + " - the SMS channel does not start"));
    }

    @Test
    void aChangedConfigurationIsTakenInPlaceAndAWrongChangeKeepsThePreviousOne() throws Exception {
        SmsChannel sms = channel(config());
        SmsSettings first = sms.settings();
        Map<String, Object> same = config();
        sms.modified(config(SmsConfig.class, same));
        assertTrue(first == sms.settings(), "an unchanged configuration (Karaf saving it to etc/) changes nothing");

        Map<String, Object> renamed = config();
        renamed.put("sender", "DANGUY");
        sms.modified(config(SmsConfig.class, renamed));
        sms.send(message("msg-20"));
        assertTrue(received.get(0).body().contains("\"from\":\"DANGUY\""), received.get(0).body());

        Map<String, Object> wrong = config();
        wrong.put("sender", "TINH UY DAK LAK");
        sms.modified(config(SmsConfig.class, wrong));
        assertTrue(LOG.toString(StandardCharsets.UTF_8).contains("sender must be a brandname of 1 to 11 letters or digits, or a number: "
                + "'TINH UY DAK LAK' - the SMS channel keeps sending with its previous configuration"));
        sms.send(message("msg-21"));
        assertTrue(received.get(1).body().contains("\"from\":\"DANGUY\""), received.get(1).body());
    }

    @Test
    void theComponentNeedsItsConfigurationAndDescribesIt() throws IOException {
        String component = resource("OSGI-INF/" + SmsChannel.class.getName() + ".xml");
        assertTrue(component.contains("configuration-policy=\"require\""), component);
        assertTrue(component.contains("configuration-pid=\"org.sotay.sample.sms\""), component);
        assertTrue(component.contains("modified=\"modified\""), "a configuration change does not cycle the channel: " + component);
        assertTrue(component.contains("<provide interface=\"org.sotay.notify.spi.NotificationChannel\"/>"), component);
        String metatype = resource("OSGI-INF/metatype/org.sotay.sample.sms.xml");
        for (String attribute : List.of("gatewayUrl", "apiKey", "username", "password", "sender", "ratePerMinute", "timeoutSeconds", "phoneBook")) {
            assertTrue(metatype.contains("id=\"" + attribute + "\""), attribute);
        }
        assertTrue(metatype.contains("type=\"Password\""), metatype);
    }

    @Test
    void phoneNumbersAreNormalizedAndMasked() {
        assertEquals(E164, Phones.normalize(NATIONAL, "84"));
        assertEquals(E164, Phones.normalize("0084-912-345-678", "84"));
        assertEquals(null, Phones.normalize("12345", "84"));
        assertEquals("*********678", Phones.mask(E164));
        assertEquals("to *******678 / *********678", Phones.scrub("to 0912345678 / " + E164, E164));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SmsChannel.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name + " is built");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A typed configuration as DS hands it over: the map's values, else the attribute's default. */
    @SuppressWarnings("unchecked")
    static <T> T config(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            Object v = values.get(method.getName());
            return v != null ? v : method.getDefaultValue();
        });
    }

    static final class MutableClock extends java.time.Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
