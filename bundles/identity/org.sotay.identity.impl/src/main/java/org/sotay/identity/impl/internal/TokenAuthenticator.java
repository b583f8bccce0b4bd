package org.sotay.identity.impl.internal;

import java.security.PublicKey;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.security.AuthenticationProvider;
import org.sotay.core.api.security.Caller;
import org.sotay.identity.api.Role;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a valid bearer access token into its {@link TokenCaller}, from the token alone (no database).
 * <p>
 * A token's signature and claims are checked once per node: the verified token (by its exact
 * text, so a token spelled otherwise is checked afresh) is remembered with what it proves until
 * it expires, at most {@link #CACHE_MAX} of them. A remembered token is still refused at once when
 * its session is revoked (checked on every request), when it expires, when its signing key no
 * longer verifies, or when the configured issuer changes.
 */
@Component(service = AuthenticationProvider.class)
public class TokenAuthenticator implements AuthenticationProvider {
    /** Verified tokens remembered per node (each about a kilobyte); past it, the expired go, or all. */
    static final int CACHE_MAX = 10_000;

    private final SigningKeys keys;
    private final Settings settings;
    private final Revocations revocations;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /** What a verified token proves, and what it must still match to be taken without a new check. */
    record Verified(String issuer, String kid, PublicKey key, long expSeconds, String subject, String name, String memberId,
            String sessionId, long issuedMs, List<TokenCaller.TokenGrant> grants) {
        boolean stillValid(String currentIssuer, long nowSeconds, SigningKeys keys) {
            return expSeconds + Jwt.SKEW_SECONDS > nowSeconds && issuer.equals(currentIssuer) && keys.publicKey(kid) == key;
        }
    }

    @Activate
    public TokenAuthenticator(@Reference SigningKeys keys, @Reference Settings settings, @Reference Revocations revocations,
            @Reference Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    public boolean supports(String scheme) {
        return "Bearer".equalsIgnoreCase(scheme);
    }

    @Override
    public Optional<Caller> authenticate(String scheme, String credentials) {
        if (credentials == null || credentials.length() > Jwt.MAX_LENGTH) {
            return Optional.empty();
        }
        String issuer = settings.config().issuer();
        long now = clock.millis() / 1000;
        Verified v = verified.get(credentials);
        if (v == null || !v.stillValid(issuer, now, keys)) {
            if (v != null) {
                verified.remove(credentials, v);
            }
            v = verify(credentials, issuer, now);
            if (v == null) {
                return Optional.empty();
            }
            remember(credentials, v, now);
        }
        // a session ended early (logout, lock, reset, device sign-out): its token no longer proves anything
        if (revocations.revoked(v.subject(), v.sessionId(), v.issuedMs())) {
            return Optional.empty();
        }
        return Optional.of(new TokenCaller(v.subject(), v.name(), v.memberId(), v.sessionId(), v.grants(), settings::permissionsOf,
                () -> LocalDate.now(clock)));
    }

    /** The number of tokens remembered (tests). */
    int remembered() {
        return verified.size();
    }

    private void remember(String token, Verified v, long now) {
        if (verified.size() >= CACHE_MAX) {
            verified.values().removeIf(e -> e.expSeconds() + Jwt.SKEW_SECONDS <= now);
            if (verified.size() >= CACHE_MAX) {
                verified.clear();
            }
        }
        verified.put(token, v);
    }

    private Verified verify(String token, String issuer, long now) {
        String[] kid = new String[1];
        PublicKey[] key = new PublicKey[1];
        Optional<JsonNode> checked = Jwt.verify(token, k -> {
            kid[0] = k;
            key[0] = keys.publicKey(k);
            return key[0];
        }, issuer, issuer, now);
        if (checked.isEmpty()) {
            return null;
        }
        JsonNode claims = checked.get();
        long issuedMs = claims.has("ims") ? claims.get("ims").asLong() : claims.path("iat").asLong(0) * 1000;
        List<TokenCaller.TokenGrant> grants = new ArrayList<>();
        for (JsonNode g : claims.path("grants")) {
            try {
                Role role = Role.valueOf(g.path("r").asText());
                String unit = g.path("u").asText(null);
                LocalDate to = g.hasNonNull("to") ? LocalDate.parse(g.get("to").asText()) : null;
                if (unit != null) {
                    grants.add(new TokenCaller.TokenGrant(role, unit, to));
                }
            } catch (RuntimeException unknownRoleOrDate) {
                // a role this version does not know grants nothing
            }
        }
        if (claims.path("pcr").asBoolean(false)) {
            grants.clear(); // the password must be changed first: signed in, but holding no permission anywhere
        }
        String subject = claims.get("sub").asText();
        return new Verified(issuer, kid[0], key[0], claims.get("exp").asLong(), subject, claims.path("name").asText(subject),
                claims.path("mid").asText(null), claims.path("sid").asText(null), issuedMs, List.copyOf(grants));
    }
}
