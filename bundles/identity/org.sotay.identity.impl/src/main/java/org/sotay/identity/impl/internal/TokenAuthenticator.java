package org.sotay.identity.impl.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.security.AuthenticationProvider;
import org.sotay.core.api.security.Caller;
import org.sotay.identity.api.Role;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns a valid bearer access token into its {@link TokenCaller}, from the token alone (no database). */
@Component(service = AuthenticationProvider.class)
public class TokenAuthenticator implements AuthenticationProvider {
    private final SigningKeys keys;
    private final Settings settings;
    private final Revocations revocations;
    private final Clock clock;

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
        String issuer = settings.config().issuer();
        return Jwt.verify(credentials, keys::publicKey, issuer, issuer, clock.millis() / 1000)
                .flatMap(this::caller);
    }

    private Optional<Caller> caller(JsonNode claims) {
        // a session ended early (logout, lock, reset, device sign-out): its token no longer proves anything
        long issuedMs = claims.has("ims") ? claims.get("ims").asLong() : claims.path("iat").asLong(0) * 1000;
        if (revocations.revoked(claims.get("sub").asText(), claims.path("sid").asText(null), issuedMs)) {
            return Optional.empty();
        }
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
        return Optional.of(new TokenCaller(claims.get("sub").asText(), claims.path("name").asText(claims.get("sub").asText()),
                claims.path("mid").asText(null), claims.path("sid").asText(null), grants, settings::permissionsOf, () -> LocalDate.now(clock)));
    }
}
