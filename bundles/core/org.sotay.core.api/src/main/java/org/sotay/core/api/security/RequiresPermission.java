package org.sotay.core.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a REST resource method needs somewhere in the tree ({@code registry.member.read}).
 * The core filter answers 403 to a caller who holds it nowhere; the service then limits the
 * work to {@link Caller#unitsFor(String)} in its queries.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequiresPermission {
    String value();
}
