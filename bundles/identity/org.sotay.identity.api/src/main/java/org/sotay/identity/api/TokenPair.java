package org.sotay.identity.api;

/**
 * What login and refresh return: a short-lived signed access token (JWT, RS256), a rotating
 * refresh token (opaque, usable once), the access token's lifetime in seconds and its type.
 */
public record TokenPair(String accessToken, String refreshToken, long expiresIn, String tokenType) {
    public static final String BEARER = "Bearer";
}
