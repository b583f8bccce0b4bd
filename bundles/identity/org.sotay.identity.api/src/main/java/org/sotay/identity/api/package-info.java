/**
 * Identity: member and staff accounts, registration with secretary-issued activation codes, signed
 * access tokens with rotating refresh tokens, roles granted at org units, and the
 * {@link org.sotay.identity.api.AuthorizationService} that every module asks "may this caller do X
 * on unit U". No module but identity decodes tokens: the core filter hands every request's
 * {@link org.sotay.core.api.security.Caller} to the services.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.identity.api;
