/**
 * Who the caller of a request is and where in the organization tree they may act. The core REST
 * filter authenticates every request through an {@link org.sotay.core.api.security.AuthenticationProvider}
 * (the identity module provides one) and publishes the result through
 * {@link org.sotay.core.api.security.CallerContext}; services filter their queries by
 * {@link org.sotay.core.api.security.Caller#unitsFor(String)}. No module decodes tokens itself.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package org.sotay.core.api.security;
