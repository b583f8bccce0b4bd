package org.sotay.identity.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void patternsCoverPermissionsAndNarrowerPatterns() {
        assertTrue(Settings.covers("*", "registry.read"));
        assertTrue(Settings.covers("registry.*", "registry.member.write"));
        assertTrue(Settings.covers("registry.*", "registry.*"));
        assertTrue(Settings.covers("audit.read", "audit.read"));
        assertFalse(Settings.covers("registry.*", "registryx.read"));
        assertFalse(Settings.covers("registry.read", "registry.*"));
        assertFalse(Settings.covers("registry.read", "*"));
    }

    @Test
    void usernamesAreNormalised() {
        assertEquals("0800012345", Usernames.normalise(" 08.0001-2345 "));
        assertEquals("demo-admin", Usernames.normalise("Demo-Admin"));
        assertTrue(Usernames.STAFF.matcher("nguyen.van.a").matches());
        assertFalse(Usernames.STAFF.matcher("12345").matches());
    }

    @Test
    void codesReadAloudAreForgiving() {
        String code = Secrets.activationCode();
        assertTrue(code.matches("[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}"), code);
        assertEquals(Secrets.normaliseCode(code), Secrets.normaliseCode(" " + code.toLowerCase().replace("-", " ")));
    }
}
