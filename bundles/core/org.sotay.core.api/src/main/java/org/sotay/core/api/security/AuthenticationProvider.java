package org.sotay.core.api.security;

import java.util.Optional;

/**
 * Turns the credentials of an {@code Authorization} header into a {@link Caller}. The identity
 * module implements it; until one is registered the platform fails closed: every endpoint that
 * is not {@link PublicEndpoint public} answers 401. With several providers, they are asked in
 * order of service ranking and the first that accepts the credentials wins.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface AuthenticationProvider {
    /** Whether this provider handles {@code scheme} ({@code Bearer}, ...), case-insensitively. */
    boolean supports(String scheme);

    /**
     * The caller those credentials prove, or empty when they prove nothing (bad signature,
     * expired, revoked, unknown). Never throws for bad credentials.
     */
    Optional<Caller> authenticate(String scheme, String credentials);
}
