package org.sotay.identity.impl.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 with a 16-byte random salt, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} so the cost can rise later: a hash made with
 * fewer iterations than configured is replaced at the next successful sign-in. 600,000 iterations
 * is OWASP's figure for this algorithm (Password Storage Cheat Sheet, 2023). The hash never leaves
 * this bundle.
 */
final class PasswordHasher {
    static final int OWASP_ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    /** Verified when there is no account, so an unknown name costs as long as a known one. */
    private final String dummy;

    PasswordHasher(int iterations) {
        this.iterations = iterations;
        this.dummy = hash("not a password, only a stand-in for timing");
    }

    String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return PREFIX + "$" + iterations + "$" + b64(salt) + "$" + b64(derive(password, salt, iterations));
    }

    boolean verify(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            verify(password, dummy);
            return false;
        }
        int n = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, n));
    }

    /** Spends the time of one verification without any account. */
    void verifyDummy(String password) {
        verify(password == null ? "" : password, dummy);
    }

    boolean needsRehash(String stored) {
        String[] parts = stored.split("\\$");
        return parts.length != 4 || !PREFIX.equals(parts[0]) || Integer.parseInt(parts[1]) < iterations;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }
}
