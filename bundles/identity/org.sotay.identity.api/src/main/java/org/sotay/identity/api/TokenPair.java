package org.sotay.identity.api;

import org.sotay.core.api.Required;

/**
 * What login and refresh return: a short-lived signed access token (JWT, RS256), a rotating
 * refresh token (opaque, usable once), the access token's lifetime in seconds and its type.
 */
public record TokenPair(@Required String accessToken, @Required String refreshToken, long expiresIn, @Required String tokenType) {
    public static final String BEARER = "Bearer";
}
