package org.sotay.identity.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.api.security.Caller;
import org.sotay.core.testing.TestConfig;
import org.sotay.identity.api.Login;
import org.sotay.identity.api.Role;
import org.sotay.identity.api.TokenPair;

/**
 * The authenticator remembers a verified token until it expires, and a remembered token is refused
 * as a fresh one would be: once its session ends, once it expires, once the issuer changes, and a
 * token that differs by one character is checked on its own.
 */
class TokenCacheTest {
    private IdentityFixture f;

    @BeforeEach
    void start() {
        f = new IdentityFixture();
        f.staff("thu.ky", Role.CELL_SECRETARY, IdentityFixture.CELL);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private TokenPair login() {
        return f.tokens.login(new Login("thu.ky", IdentityFixture.PASSWORD, null));
    }

    @Test
    void aVerifiedTokenIsRememberedAndProvesTheSameCaller() {
        TokenPair pair = login();
        Caller first = f.authenticator.authenticate("Bearer", pair.accessToken()).orElseThrow();
        assertEquals(1, f.authenticator.remembered());
        Caller again = f.authenticator.authenticate("Bearer", pair.accessToken()).orElseThrow();
        assertEquals(1, f.authenticator.remembered(), "the second request found the token remembered");
        assertEquals(first.subject(), again.subject());
        assertEquals(first.displayName(), again.displayName());
        assertEquals(Set.of(IdentityFixture.CELL), again.unitsFor("registry.read"));
    }

    @Test
    void aRememberedTokenIsRefusedAtOnceWhenItsSessionEnds() {
        TokenPair pair = login();
        Caller caller = f.authenticator.authenticate("Bearer", pair.accessToken()).orElseThrow();
        f.as(caller);
        f.tokens.logout(pair.refreshToken());
        assertTrue(f.authenticator.authenticate("Bearer", pair.accessToken()).isEmpty(), "logged out: refused though remembered");
        f.revocations.reload();
        assertTrue(f.authenticator.authenticate("Bearer", pair.accessToken()).isEmpty());
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        TokenPair pair = login();
        f.authenticator.authenticate("Bearer", pair.accessToken()).orElseThrow();
        f.p.clock().advance(Duration.ofSeconds(f.settings.config().accessTokenSeconds() + Jwt.SKEW_SECONDS - 5));
        assertTrue(f.authenticator.authenticate("Bearer", pair.accessToken()).isPresent(), "still within its life and the skew");
        f.p.clock().advance(Duration.ofSeconds(10));
        assertTrue(f.authenticator.authenticate("Bearer", pair.accessToken()).isEmpty(), "expired: refused though remembered");
        assertEquals(0, f.authenticator.remembered(), "and forgotten");
    }

    @Test
    void aRememberedTokenIsRefusedWhenTheIssuerChanges() {
        TokenPair pair = login();
        f.authenticator.authenticate("Bearer", pair.accessToken()).orElseThrow();
        f.settings.configure(TestConfig.of(IdentityConfig.class, Map.of("issuer", "another-issuer", "passwordIterations", 10_000)));
        assertTrue(f.authenticator.authenticate("Bearer", pair.accessToken()).isEmpty());
    }

    @Test
    void aTokenAlteredByOneCharacterIsCheckedOnItsOwnAndRefused() {
        TokenPair pair = login();
        String token = pair.accessToken();
        f.authenticator.authenticate("Bearer", token).orElseThrow();
        int dot = token.lastIndexOf('.');
        char c = token.charAt(dot + 5);
        String altered = token.substring(0, dot + 5) + (c == 'A' ? 'B' : 'A') + token.substring(dot + 6);
        assertTrue(f.authenticator.authenticate("Bearer", altered).isEmpty(), "a changed signature");
        String[] parts = token.split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace(IdentityFixture.CELL, IdentityFixture.ROOT);
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        assertTrue(f.authenticator.authenticate("Bearer", forged).isEmpty(), "claims widened under the remembered token's signature");
        assertEquals(1, f.authenticator.remembered(), "only the genuine token is remembered");
    }
}
