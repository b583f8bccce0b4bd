package org.sotay.identity.impl.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Compact JWS with RS256 only. Verification is strict: exactly three parts, each in canonical
 * base64url (one token has one spelling), a header naming
 * {@code RS256} and a known {@code kid} (so {@code alg: none}, HMAC confusion and foreign keys fail
 * before any claim is read), a valid signature, then issuer, audience and times.
 */
final class Jwt {
    static final String ALG = "RS256";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();
    /** Clocks of nodes differ a little. */
    static final long SKEW_SECONDS = 30;
    /** Longer tokens are refused unread. */
    static final int MAX_LENGTH = 16_384;

    private Jwt() {
    }

    static String sign(String kid, PrivateKey key, ObjectNode claims) {
        ObjectNode header = JSON.createObjectNode().put("alg", ALG).put("typ", "JWT").put("kid", kid);
        try {
            String signingInput = B64.encodeToString(JSON.writeValueAsBytes(header)) + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** The claims of a valid token, or empty for anything else. Never throws for bad input. */
    static Optional<JsonNode> verify(String token, Function<String, PublicKey> keys, String issuer, String audience, long nowSeconds) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(canonical(parts[0]));
            if (header == null || !ALG.equals(header.path("alg").asText(null)) || !header.path("kid").isTextual()) {
                return Optional.empty();
            }
            PublicKey key = keys.apply(header.get("kid").asText());
            if (key == null) {
                return Optional.empty();
            }
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!s.verify(canonical(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(canonical(parts[1]));
            if (claims == null || !claims.isObject() || !issuer.equals(claims.path("iss").asText(null))
                    || !audience.equals(claims.path("aud").asText(null)) || !claims.path("sub").isTextual()
                    || !claims.path("exp").canConvertToLong() || claims.get("exp").asLong() + SKEW_SECONDS <= nowSeconds
                    || (claims.has("nbf") && claims.get("nbf").asLong() - SKEW_SECONDS > nowSeconds)
                    || (claims.has("iat") && claims.get("iat").asLong() - SKEW_SECONDS > nowSeconds)) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The bytes of one part, which must be spelled exactly as {@link #sign} spells it: base64url
     * without padding, and with the unused low bits of the last character zero. Anything else
     * (padding, {@code +} or {@code /}, a last character that decodes to the same bytes) would give
     * one token several spellings, and each spelling its own cache entry, log line or deny-list miss.
     */
    static byte[] canonical(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw new IllegalArgumentException("not base64url");
            }
        }
        byte[] bytes = D64.decode(part);
        if (!B64.encodeToString(bytes).equals(part)) {
            throw new IllegalArgumentException("not the canonical spelling");
        }
        return bytes;
    }

    static ObjectNode claims() {
        return JSON.createObjectNode();
    }

    static Map<String, Object> toMap(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }
}
