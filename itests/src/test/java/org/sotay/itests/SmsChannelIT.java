package org.sotay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.sotay.notify.spi.NotificationChannel;
import org.sotay.notify.spi.Outgoing;

/**
 * The SMS sample plugin in the real distribution: not there at boot, installed with its feature, idle
 * without its configuration and with a wrong one, a working {@code sms} channel once configured (it
 * delivers to a gateway on loopback), gone when its configuration is deleted, uninstalled again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class SmsChannelIT extends SotayTestSupport {
    private static final String FEATURE = "sotay-sample-sms";
    private static final String PID = "org.sotay.sample.sms";

    @Inject
    FeaturesService features;

    @Inject
    ConfigurationAdmin configs;

    @Test
    public void installConfigureSendAndUninstall() throws Exception {
        awaitHealthy();
        assertFalse("not a boot feature", features.isInstalled(features.getFeature(FEATURE)));
        List<String> received = new CopyOnWriteArrayList<>();
        try (ServerSocket gateway = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serve(gateway, received), "fake-sms-gateway");
            server.setDaemon(true);
            server.start();

            features.installFeature(FEATURE, features.getFeature(FEATURE).getVersion(), EnumSet.noneOf(FeaturesService.Option.class));
            Bundle sms = bundle("org.sotay.sample.sms");
            assertNotNull(sms);
            assertEquals(Bundle.ACTIVE, sms.getState());
            assertEquals("no channel without a configuration", null, channel());

            Configuration c = configs.getConfiguration(PID, "?");
            Dictionary<String, Object> wrong = new Hashtable<>();
            wrong.put("gatewayUrl", "http://sms.example.vn/send");
            wrong.put("sender", "TINH UY DAK LAK");
            c.update(wrong);
            // refused with one ERROR line naming the problems, and still no channel
            Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
            await("the wrong configuration's error line in karaf.log", 30, () -> {
                try {
                    String text = Files.readString(log, StandardCharsets.UTF_8);
                    return text.contains("The SMS channel's configuration (PID org.sotay.sample.sms) is wrong: gatewayUrl must be an https URL")
                            && text.contains("credentials are missing") && text.contains("phoneBook is missing");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            Path dir = Files.createTempDirectory("sms-it");
            Path book = dir.resolve("phones.csv");
            Files.writeString(book, "acc-it,0912345678\n", StandardCharsets.UTF_8);
            assertEquals("no channel with a wrong configuration", null, channel());

            Dictionary<String, Object> right = new Hashtable<>();
            right.put("gatewayUrl", "http://127.0.0.1:" + gateway.getLocalPort() + "/send");
            right.put("apiKey", "it-key");
            right.put("sender", "TINHUY");
            right.put("phoneBook", book.toString());
            c.update(right);
            java.util.concurrent.atomic.AtomicReference<NotificationChannel> live = new java.util.concurrent.atomic.AtomicReference<>();
            await("the sms channel", 30, () -> {
                live.set(channel());
                return live.get() != null;
            });

            live.get().send(new Outgoing("it-1", "acc-it", "meeting.reminder", "Nhắc lịch họp", "Meeting reminder", "Thứ Bảy, 8 giờ",
                    "Saturday, 8:00", null));
            assertEquals(1, received.size());
            String request = received.get(0);
            assertTrue(request, request.toLowerCase(Locale.ROOT).contains("authorization: bearer it-key"));
            assertTrue(request, request.contains("\"to\":\"+84912345678\""));
            assertTrue(request, request.contains("\"text\":\"Nhắc lịch họp\\nThứ Bảy, 8 giờ\""));

            c.delete();
            await("the channel to leave with its configuration", 30, () -> channel() == null);
        } finally {
            if (features.isInstalled(features.getFeature(FEATURE))) {
                features.uninstallFeature(FEATURE, features.getFeature(FEATURE).getVersion(), EnumSet.noneOf(FeaturesService.Option.class));
            }
        }
        assertEquals(null, bundle("org.sotay.sample.sms"));
    }

    private Bundle bundle(String bsn) {
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName().equals(bsn)) {
                return b;
            }
        }
        return null;
    }

    private static final String PASSWORD = "mat khau thu nghiem 1";

    private static com.fasterxml.jackson.databind.JsonNode ok(java.net.http.HttpResponse<String> r, int status) {
        assertEquals(r.uri() + " " + r.body(), status, r.statusCode());
        return r.body().isEmpty() ? null : json(r);
    }

    /**
     * End to end: notify routes {@code meeting.scheduled} to {@code sms} by its configuration, and the
     * meeting a secretary registers reaches the gateway as one SMS per member account of the cell.
     */
    @Test
    public void aMeetingRegisteredReachesTheGatewayThroughNotify() throws Exception {
        awaitHealthy();
        String admin = adminToken();
        // a cell from the end of the list (the meetings test takes the first one), with a member given an account
        com.fasterxml.jackson.databind.JsonNode members = ok(bearer(admin, "GET", "/v1/members?status=OFFICIAL&accountRegistered=false&limit=200&offset=400", null), 200)
                .path("items");
        com.fasterxml.jackson.databind.JsonNode m = members.get(members.size() - 1);
        String cell = m.path("cellId").asText();
        String code = ok(bearer(admin, "POST", "/v1/activation-codes", "{\"memberId\":\"" + m.path("id").asText() + "\"}"), 201).path("code").asText();
        ok(bearer(null, "POST", "/v1/auth/register", "{\"cardNumber\":\"" + m.path("cardNumber").asText() + "\",\"dateOfBirth\":\""
                + m.path("dateOfBirth").asText() + "\",\"activationCode\":\"" + code + "\",\"password\":\"" + PASSWORD + "\"}"), 201);
        String account = ok(bearer(tokenOf(m.path("cardNumber").asText(), PASSWORD), "GET", "/v1/auth/me", null), 200).path("id").asText();
        String secretaryId = ok(bearer(admin, "POST", "/v1/accounts", "{\"username\":\"bi.thu.sms.itest\",\"displayName\":\"Bí thư SMS\",\"kind\":\"STAFF\","
                + "\"homeUnitId\":\"" + cell + "\",\"password\":\"" + PASSWORD + "\"}"), 201).path("account").path("id").asText();
        ok(bearer(admin, "POST", "/v1/accounts/" + secretaryId + "/grants", "{\"role\":\"CELL_SECRETARY\",\"unitId\":\"" + cell + "\"}"), 201);
        String secretary = tokenOf("bi.thu.sms.itest", PASSWORD);

        List<String> received = new CopyOnWriteArrayList<>();
        Configuration notify = configs.getConfiguration("org.sotay.notify", "?");
        Dictionary<String, Object> before = notify.getProperties();
        Configuration c = configs.getConfiguration(PID, "?");
        try (ServerSocket gateway = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serve(gateway, received), "fake-sms-gateway-2");
            server.setDaemon(true);
            server.start();
            features.installFeature(FEATURE, features.getFeature(FEATURE).getVersion(), EnumSet.noneOf(FeaturesService.Option.class));
            Path book = Files.createTempDirectory("sms-it").resolve("phones.csv");
            Files.writeString(book, account + ",0987 654 321\n", StandardCharsets.UTF_8);
            Dictionary<String, Object> right = new Hashtable<>();
            right.put("gatewayUrl", "http://127.0.0.1:" + gateway.getLocalPort() + "/send");
            right.put("username", "sotay");
            right.put("password", "bí mật");
            right.put("sender", "TINHUY");
            right.put("phoneBook", book.toString());
            c.update(right);
            await("the sms channel", 30, () -> channel() != null);

            Dictionary<String, Object> routed = new Hashtable<>();
            for (java.util.Enumeration<String> keys = before.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                routed.put(k, before.get(k));
            }
            routed.put("channels", new String[] { "meeting.scheduled=sms" });
            routed.put("deliverySeconds", 2);
            notify.update(routed);

            String venue = ok(bearer(secretary, "POST", "/v1/meetings/cells/" + cell + "/venues", "{\"name\":\"Hội trường SMS\",\"internet\":true}"), 201)
                    .path("id").asText();
            ok(bearer(secretary, "PUT", "/v1/meetings/cells/" + cell + "/pattern", "{\"dayOfMonth\":5,\"time\":\"19:30\",\"venueId\":\"" + venue
                    + "\",\"agenda\":[\"Nhiệm vụ tháng tới\"]}"), 200);
            java.time.LocalDate next = java.time.LocalDate.now(VIETNAM).plusMonths(2).withDayOfMonth(5);
            ok(bearer(secretary, "POST", "/v1/meetings/cells/" + cell + "/proposal/confirm", "{\"month\":\"" + next.toString().substring(0, 7)
                    + "\",\"date\":\"" + next + "\",\"time\":\"19:30\"}"), 201);

            await("the meeting's SMS at the gateway", 90, () -> received.stream().anyMatch(r -> r.contains("\"to\":\"+84987654321\"")));
            String sms = received.stream().filter(r -> r.contains("\"to\":\"+84987654321\"")).findFirst().orElseThrow();
            assertTrue(sms, sms.toLowerCase(Locale.ROOT).contains(("authorization: basic "
                    + java.util.Base64.getEncoder().encodeToString("sotay:bí mật".getBytes(StandardCharsets.UTF_8))).toLowerCase(Locale.ROOT)));
            assertTrue(sms, sms.contains("\"from\":\"TINHUY\""));
            assertTrue(sms, sms.contains("\"reference\":\""));
        } finally {
            notify.update(before);
            c.delete();
            if (features.isInstalled(features.getFeature(FEATURE))) {
                features.uninstallFeature(FEATURE, features.getFeature(FEATURE).getVersion(), EnumSet.noneOf(FeaturesService.Option.class));
            }
        }
        String log = Files.readString(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"), StandardCharsets.UTF_8);
        assertFalse("karaf.log holds the number in full", log.contains("987654321") || log.contains("987 654 321"));
    }

    /** The {@code sms} channel registered now, or {@code null}. */
    private NotificationChannel channel() {
        try {
            for (ServiceReference<NotificationChannel> ref : bundleContext.getServiceReferences(NotificationChannel.class, null)) {
                NotificationChannel ch = bundleContext.getService(ref);
                if (ch != null && "sms".equals(ch.id())) {
                    return ch;
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A minimal HTTP/1.1 gateway: records each request (head and body) and answers 200. */
    private static void serve(ServerSocket gateway, List<String> received) {
        while (!gateway.isClosed()) {
            try (Socket s = gateway.accept()) {
                InputStream in = s.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    head.write(b);
                    byte[] h = head.toByteArray();
                    int n = h.length;
                    if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                        break;
                    }
                }
                String headers = head.toString(StandardCharsets.UTF_8);
                int length = 0;
                for (String line : headers.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                received.add(headers + body);
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (Exception e) {
                // closed at the end of the test
            }
        }
    }
}
