package org.sotay.meetings.impl.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/**
 * Signs and checks QR check-in payloads ({@code v1.<meeting>.<valid until ms>.<HMAC-SHA256>}) with a key
 * the first node makes once and keeps in {@code MTG_SECRET}, so every node of a cluster checks every
 * payload. A payload names its meeting and its end of validity; the signature makes both unforgeable.
 */
final class QrSigner {
    private static final String KEY = "qr-hmac-key";
    private final JpaTemplate jpa;
    private final java.time.Clock clock;
    private volatile byte[] key;

    QrSigner(JpaTemplate jpa, java.time.Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    /** A signed, parsed payload. */
    record Payload(String meetingId, long validUntilMs) {
    }

    String sign(String meetingId, long validUntilMs) {
        String body = "v1." + meetingId + "." + validUntilMs;
        return body + "." + mac(body);
    }

    /** The payload when its signature holds; {@code null} otherwise (never says which part was wrong). */
    Payload verify(String payload) {
        if (payload == null || payload.length() > 200) {
            return null;
        }
        String[] parts = payload.strip().split("\\.");
        if (parts.length != 4 || !"v1".equals(parts[0]) || !parts[2].matches("\\d{1,15}")) {
            return null;
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII), parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        return new Payload(parts[1], Long.parseLong(parts[2]));
    }

    private String mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k != null) {
            return k;
        }
        String stored = read();
        if (stored == null) {
            String made = Base64.getEncoder().encodeToString(Codes.randomKey());
            try {
                jpa.tx(TransactionType.Required, em -> em.createNativeQuery("INSERT INTO MTG_SECRET (NAME, SECRET_VALUE, CREATED_MS) VALUES (?, ?, ?)")
                        .setParameter(1, KEY).setParameter(2, made).setParameter(3, clock.millis()).executeUpdate());
            } catch (RuntimeException another) {
                // another node made it first: use theirs
            }
            stored = read();
        }
        key = Base64.getDecoder().decode(stored);
        return key;
    }

    private String read() {
        return jpa.txExpr(TransactionType.Required, em -> {
            @SuppressWarnings("unchecked")
            java.util.List<Object> found = em.createNativeQuery("SELECT SECRET_VALUE FROM MTG_SECRET WHERE NAME = ?").setParameter(1, KEY)
                    .getResultList();
            return found.isEmpty() ? null : (String) found.get(0);
        });
    }
}
