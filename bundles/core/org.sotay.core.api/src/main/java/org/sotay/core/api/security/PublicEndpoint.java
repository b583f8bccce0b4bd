package org.sotay.core.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a REST resource method (or a whole resource class) that anyone may call without
 * credentials: health, the API description, login, registration. Everything not marked needs
 * an authenticated caller. Keep the list short: the authorization matrix test reads it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface PublicEndpoint {
}
