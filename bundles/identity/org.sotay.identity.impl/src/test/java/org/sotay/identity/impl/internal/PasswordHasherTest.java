package org.sotay.identity.impl.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher fast = new PasswordHasher(10_000);

    @Test
    void verifiesTheRightPasswordOnly() {
        String h = fast.hash("mật khẩu dài đủ 10");
        assertTrue(h.startsWith("pbkdf2-sha256$10000$"));
        assertTrue(fast.verify("mật khẩu dài đủ 10", h));
        assertFalse(fast.verify("mat khau dai du 10", h));
        assertNotEquals(h, fast.hash("mật khẩu dài đủ 10"), "a fresh salt each time");
    }

    @Test
    void weakerHashesAskToBeRedone() {
        String h = fast.hash("correct horse battery");
        assertTrue(new PasswordHasher(20_000).needsRehash(h));
        assertFalse(fast.needsRehash(h));
        assertTrue(new PasswordHasher(20_000).verify("correct horse battery", h), "an older cost still verifies");
    }

    @Test
    void garbageNeverVerifies() {
        assertFalse(fast.verify("x", "plain-text-password"));
        assertFalse(fast.verify("x", null));
    }
}
