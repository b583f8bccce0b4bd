package org.sotay.identity.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

class JwtTest {
    private static KeyPair key;
    private static KeyPair other;
    private static final long NOW = 1_800_000_000L;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        key = g.generateKeyPair();
        other = g.generateKeyPair();
    }

    private static ObjectNode claims(long exp) {
        return Jwt.claims().put("iss", "sotay").put("aud", "sotay").put("sub", "acc-1").put("iat", NOW).put("exp", exp);
    }

    private static Function<String, PublicKey> known() {
        return kid -> "k1".equals(kid) ? key.getPublic() : null;
    }

    @Test
    void aSignedTokenVerifies() {
        String t = Jwt.sign("k1", key.getPrivate(), claims(NOW + 600));
        assertEquals("acc-1", Jwt.verify(t, known(), "sotay", "sotay", NOW).orElseThrow().get("sub").asText());
    }

    @Test
    void expiredTokensFailBeyondTheSkew() {
        String t = Jwt.sign("k1", key.getPrivate(), claims(NOW - Jwt.SKEW_SECONDS - 1));
        assertTrue(Jwt.verify(t, known(), "sotay", "sotay", NOW).isEmpty());
    }

    @Test
    void anotherKeyUnderAKnownKidFails() {
        String t = Jwt.sign("k1", other.getPrivate(), claims(NOW + 600));
        assertTrue(Jwt.verify(t, known(), "sotay", "sotay", NOW).isEmpty());
    }

    @Test
    void unknownKidFails() {
        String t = Jwt.sign("k2", key.getPrivate(), claims(NOW + 600));
        assertTrue(Jwt.verify(t, known(), "sotay", "sotay", NOW).isEmpty());
    }

    @Test
    void algNoneFails() {
        String header = B64.encodeToString("{\"alg\":\"none\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
        String body = B64.encodeToString(claims(NOW + 600).toString().getBytes(StandardCharsets.UTF_8));
        assertTrue(Jwt.verify(header + "." + body + ".", known(), "sotay", "sotay", NOW).isEmpty());
        assertTrue(Jwt.verify(header + "." + body + ".x", known(), "sotay", "sotay", NOW).isEmpty());
    }

    @Test
    void hmacWithThePublicKeyAsSecretFails() throws Exception {
        // the classic confusion: HS256 keyed with the RSA public key
        String header = B64.encodeToString("{\"alg\":\"HS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
        String body = B64.encodeToString(claims(NOW + 600).toString().getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getPublic().getEncoded(), "HmacSHA256"));
        String sig = B64.encodeToString(mac.doFinal((header + "." + body).getBytes(StandardCharsets.US_ASCII)));
        assertTrue(Jwt.verify(header + "." + body + "." + sig, known(), "sotay", "sotay", NOW).isEmpty());
    }

    @Test
    void tamperedClaimsFail() {
        String t = Jwt.sign("k1", key.getPrivate(), claims(NOW + 600));
        String[] p = t.split("\\.");
        String forged = B64.encodeToString(claims(NOW + 600).put("sub", "admin").toString().getBytes(StandardCharsets.UTF_8));
        assertTrue(Jwt.verify(p[0] + "." + forged + "." + p[2], known(), "sotay", "sotay", NOW).isEmpty());
    }

    @Test
    void wrongIssuerOrAudienceOrGarbageFails() {
        String t = Jwt.sign("k1", key.getPrivate(), claims(NOW + 600).put("aud", "elsewhere"));
        assertTrue(Jwt.verify(t, known(), "sotay", "sotay", NOW).isEmpty());
        for (String bad : new String[] { null, "", "a.b", "a.b.c", "....", "not a token", "x".repeat(20_000) }) {
            assertFalse(Jwt.verify(bad, known(), "sotay", "sotay", NOW).isPresent(), String.valueOf(bad));
        }
    }

    @Test
    void aTokenHasOneSpelling() {
        String t = Jwt.sign("k1", key.getPrivate(), claims(NOW + 600));
        String[] p = t.split("\\.");
        // a 2048-bit signature is 256 bytes: its last base64url character carries 4 unused bits
        assertEquals(342, p[2].length());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(p[2].charAt(341));
        String sameBytes = p[2].substring(0, 341) + alphabet.charAt(last | 0x01);
        assertEquals(java.util.Arrays.toString(java.util.Base64.getUrlDecoder().decode(p[2])),
                java.util.Arrays.toString(java.util.Base64.getUrlDecoder().decode(sameBytes)), "the JDK decodes both spellings alike");
        for (String other : new String[] { p[0] + "." + p[1] + "." + sameBytes, p[0] + "." + p[1] + "." + p[2] + "==",
                p[0] + "=." + p[1] + "." + p[2], p[0] + "." + p[1] + "." + p[2].replace('-', '+').replace('_', '/') }) {
            if (!other.equals(t)) {
                assertTrue(Jwt.verify(other, known(), "sotay", "sotay", NOW).isEmpty(), other);
            }
        }
        assertTrue(Jwt.verify(t, known(), "sotay", "sotay", NOW).isPresent());
    }
}
