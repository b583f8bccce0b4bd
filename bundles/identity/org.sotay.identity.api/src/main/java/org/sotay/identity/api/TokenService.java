package org.sotay.identity.api;

import java.util.Map;

/**
 * Sign-in and tokens. Failed sign-ins back off per account name and per client address; the
 * answer never tells whether an account exists.
 */
@org.osgi.annotation.versioning.ProviderType
public interface TokenService {
    TokenPair login(Login login);

    /** Rotates a refresh token: the old one is spent; presenting a spent one again revokes its whole family. */
    TokenPair refresh(String refreshToken);

    /** An access token for an API client (client credentials); no refresh token. */
    TokenPair clientCredentials(String clientId, String clientSecret);

    /** Revokes the family of {@code refreshToken}, which must belong to the current caller. */
    void logout(String refreshToken);

    /** The public keys that verify access tokens, as a JSON Web Key Set. */
    Map<String, Object> jwks();
}
