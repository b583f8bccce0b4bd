package org.sotay.sample.sms.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The configuration checked as a whole: every problem is named at once, never a half-configured channel. */
record SmsSettings(URI gatewayUrl, String authorization, String sender, int ratePerMinute, Duration timeout, Path phoneBook,
        String countryCode, boolean english, int maxChars) {

    static SmsSettings of(SmsConfig c) {
        List<String> problems = new ArrayList<>();
        URI url = null;
        String raw = trim(c.gatewayUrl());
        if (raw.isEmpty()) {
            problems.add("gatewayUrl is missing");
        } else {
            try {
                url = URI.create(raw);
                String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
                if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback(url.getHost()))) {
                    problems.add("gatewayUrl must be an https URL (http only on loopback): " + raw);
                }
            } catch (IllegalArgumentException e) {
                problems.add("gatewayUrl is not a URL: " + raw);
            }
        }
        String key = trim(c.apiKey());
        String user = trim(c.username());
        String password = c.password() == null ? "" : c.password();
        String authorization = null;
        if (!key.isEmpty() && !user.isEmpty()) {
            problems.add("give either apiKey or username and password, not both");
        } else if (!key.isEmpty()) {
            authorization = "Bearer " + key;
        } else if (!user.isEmpty() && !password.isEmpty()) {
            if (user.contains(":")) {
                problems.add("username must not contain ':'");
            }
            authorization = "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            problems.add("credentials are missing: set apiKey, or username and password");
        }
        String sender = trim(c.sender());
        if (!sender.matches("[A-Za-z0-9]{1,11}|\\+?[0-9]{3,15}")) {
            problems.add("sender must be a brandname of 1 to 11 letters or digits, or a number: '" + sender + "'");
        }
        if (c.ratePerMinute() < 1 || c.ratePerMinute() > 6000) {
            problems.add("ratePerMinute must be between 1 and 6000: " + c.ratePerMinute());
        }
        if (c.timeoutSeconds() < 1 || c.timeoutSeconds() > 120) {
            problems.add("timeoutSeconds must be between 1 and 120: " + c.timeoutSeconds());
        }
        String book = trim(c.phoneBook());
        if (book.isEmpty()) {
            problems.add("phoneBook is missing (the file of accountId,phone lines)");
        }
        String cc = trim(c.countryCode());
        if (!cc.matches("[1-9][0-9]{0,2}")) {
            problems.add("countryCode must be 1 to 3 digits: '" + cc + "'");
        }
        String language = trim(c.language());
        if (!language.equals("vi") && !language.equals("en")) {
            problems.add("language must be vi or en: '" + language + "'");
        }
        if (c.maxChars() < 70 || c.maxChars() > 1600) {
            problems.add("maxChars must be between 70 and 1600: " + c.maxChars());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("The SMS channel's configuration (PID " + SmsConfig.PID + ") is wrong: " + String.join("; ", problems));
        }
        return new SmsSettings(url, authorization, sender, c.ratePerMinute(), Duration.ofSeconds(c.timeoutSeconds()), Path.of(book), cc,
                language.equals("en"), c.maxChars());
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    @Override
    public String toString() {
        // never the credentials
        return "SmsSettings[" + gatewayUrl + ", sender " + sender + ", " + ratePerMinute + "/min]";
    }
}
