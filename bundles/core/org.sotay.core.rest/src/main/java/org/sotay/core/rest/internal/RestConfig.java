package org.sotay.core.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.sotay.core.rest} ({@code etc/org.sotay.core.rest.cfg}). */
@ObjectClassDefinition(id = RestConfig.PID, name = "Sotay REST", description = "Limits and CORS of the /api application")
@interface RestConfig {
    String PID = "org.sotay.core.rest";

    @AttributeDefinition(description = "Largest request body accepted, in bytes; larger bodies get 413.")
    long maxRequestBytes() default 16L * 1024 * 1024;

    @AttributeDefinition(description = "Origins allowed to call the API from a browser (exact origins, or * for any). Empty: no CORS.")
    String[] corsAllowedOrigins() default {};

    @AttributeDefinition(description = "How long browsers may cache a CORS preflight answer, in seconds.")
    int corsMaxAgeSeconds() default 600;

    @AttributeDefinition(description = "Addresses of reverse proxies whose X-Forwarded-For is believed (the client address of "
            + "audit lines and login throttling). Empty: the connection's peer is the client.")
    String[] trustedProxies() default {};
}
