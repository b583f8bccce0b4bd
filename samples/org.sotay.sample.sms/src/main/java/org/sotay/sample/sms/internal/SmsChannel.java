package org.sotay.sample.sms.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.notify.spi.NotificationChannel;
import org.sotay.notify.spi.Outgoing;

/**
 * The {@code sms} notification channel: each message notify routes here is POSTed as one JSON object
 * ({@code from}, {@code to}, {@code text}, {@code reference}) to the configured gateway. It starts only
 * with its configuration (PID {@code org.sotay.sample.sms}); a wrong one is logged as one line naming
 * every problem and the channel stays away, so notify keeps those deliveries pending (no channel
 * {@code sms}) instead of failing them.
 *
 * <p>A 2xx is a message sent. A 5xx, a timeout or a refused connection throws: notify retries with
 * back-off. A 4xx throws too, saying it is permanent (the request itself is wrong: credentials, sender,
 * number). Over {@code ratePerMinute} in the last 60 seconds a message is refused before the gateway is
 * called, and notify retries it later.
 *
 * <p>A change of the configuration while the channel runs is taken in place ({@link Modified}): the
 * channel stays registered, so notify never sees it leave for a moment (Karaf's own save of the
 * configuration to {@code etc/} is such a change). A wrong change is logged as one line and the channel
 * keeps sending with the configuration it had.
 */
// immediate: a configuration is checked (and a wrong one logged) when it is saved, not at the first delivery
@Component(service = NotificationChannel.class, configurationPid = SmsConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = SmsConfig.class)
public class SmsChannel implements NotificationChannel {
    static final String ID = "sms";
    private static final Logger LOG = LoggerFactory.getLogger(SmsChannel.class);

    private final Clock clock;
    /** Everything one configuration gives, swapped whole when the configuration changes. */
    private volatile Setup setup;

    private record Setup(SmsSettings settings, PhoneBook phoneBook, RateLimit rate, HttpClient http) {
        Setup(SmsSettings settings, Clock clock) {
            this(settings, new PhoneBook(settings.phoneBook(), settings.countryCode()), new RateLimit(settings.ratePerMinute(), clock),
                    HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build());
        }
    }

    @Activate
    public SmsChannel(SmsConfig config) {
        this(checked(config), Clock.systemUTC());
        logStart("sends");
    }

    SmsChannel(SmsSettings settings, Clock clock) {
        this.clock = clock;
        this.setup = new Setup(settings, clock);
    }

    /** A new configuration for the running channel; a wrong one leaves the channel as it was. */
    @Modified
    void modified(SmsConfig config) {
        SmsSettings next;
        try {
            next = SmsSettings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{} - the SMS channel keeps sending with its previous configuration", e.getMessage());
            return;
        }
        if (!next.equals(setup.settings())) {
            setup = new Setup(next, clock);
            logStart("now sends");
        }
    }

    SmsSettings settings() {
        return setup.settings();
    }

    private void logStart(String verb) {
        SmsSettings s = setup.settings();
        LOG.info("The SMS channel {} through {} as {}, at most {} messages a minute", verb, s.gatewayUrl(), s.sender(), s.ratePerMinute());
    }

    private static SmsSettings checked(SmsConfig config) {
        try {
            return SmsSettings.of(config);
        } catch (IllegalArgumentException e) {
            // the one line an operator needs; DS then logs the failed activation with the same message
            LOG.error("{} - the SMS channel does not start", e.getMessage());
            throw e;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void send(Outgoing message) throws Exception {
        Setup current = setup;
        SmsSettings settings = current.settings();
        RateLimit rate = current.rate();
        String phone = current.phoneBook().lookup(message.accountId());
        if (phone == null) {
            throw SmsException.permanent("the phone book has no number for account " + message.accountId());
        }
        String to = Phones.mask(phone);
        Duration wait = rate.acquire();
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            LOG.info("SMS {} to {} held back: {} messages a minute already sent, a slot frees in {} s", message.messageId(), to,
                    settings.ratePerMinute(), seconds);
            throw SmsException.temporary("rate limit of " + settings.ratePerMinute() + " messages a minute reached; a slot frees in " + seconds + " s", null);
        }
        HttpRequest request = HttpRequest.newBuilder(settings.gatewayUrl())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .header("Authorization", settings.authorization())
                .POST(HttpRequest.BodyPublishers.ofString(body(message, phone, settings), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = current.http().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            LOG.warn("SMS {} to {}: the gateway did not answer within {} s", message.messageId(), to, settings.timeout().toSeconds());
            throw SmsException.temporary("the gateway did not answer within " + settings.timeout().toSeconds() + " s", null);
        } catch (ConnectException e) {
            rate.release();
            LOG.warn("SMS {} to {}: the gateway refused the connection", message.messageId(), to);
            throw SmsException.temporary("cannot connect to the gateway " + settings.gatewayUrl().getHost(), null);
        } catch (IOException e) {
            LOG.warn("SMS {} to {}: {}", message.messageId(), to, e.getClass().getSimpleName());
            throw SmsException.temporary("the gateway call failed: " + e.getClass().getSimpleName(), null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            LOG.info("SMS {} ({}) sent to {}", message.messageId(), message.kind(), to);
            return;
        }
        String answer = Phones.scrub(cut(response.body(), 200), phone);
        if (status >= 400 && status < 500) {
            LOG.warn("SMS {} to {}: the gateway refused it with {} (permanent): {}", message.messageId(), to, status, answer);
            throw SmsException.permanent("the gateway answered " + status + ": " + answer);
        }
        LOG.warn("SMS {} to {}: the gateway answered {}, notify retries it: {}", message.messageId(), to, status, answer);
        throw SmsException.temporary("the gateway answered " + status + ": " + answer, null);
    }

    /** The text in the configured language: the title, then the body and the link, cut to {@code maxChars}. */
    String text(Outgoing m) {
        return text(m, setup.settings());
    }

    private static String text(Outgoing m, SmsSettings settings) {
        String title = settings.english() ? m.titleEn() : m.title();
        String body = settings.english() ? m.bodyEn() : m.body();
        String text = title + "\n" + body + (m.link() == null || m.link().isBlank() ? "" : "\n" + m.link());
        return cut(text, settings.maxChars());
    }

    private static String body(Outgoing m, String phone, SmsSettings settings) {
        return "{\"from\":" + json(settings.sender()) + ",\"to\":" + json(phone) + ",\"text\":" + json(text(m, settings)) + ",\"reference\":"
                + json(m.messageId()) + "}";
    }

    /** At most {@code max} code points, ending in an ellipsis when cut. */
    static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
