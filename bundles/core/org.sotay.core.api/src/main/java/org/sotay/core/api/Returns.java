package org.sotay.core.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a REST resource method answers when it succeeds (or when it answers with a body of its
 * own on purpose, such as an import report with 422), for the API description
 * ({@code /api/openapi.json}). Needed on every method that returns a JAX-RS {@code Response}, whose
 * Java type says nothing about the body; a method that returns its body type needs none (it is
 * 200 with that type, {@code void} is 204). Repeat it when a method answers several shapes:
 *
 * <pre>
 * &#64;Returns(value = ImportReport.class, description = "Applied, or a dry run")
 * &#64;Returns(value = ImportReport.class, status = 422, description = "Errors or conflicts: nothing written")
 * &#64;Returns(value = ImportJob.class, status = 202, description = "async=true: the job to poll")
 * </pre>
 *
 * A status without a body (204, 304) leaves {@link #value()} as {@code Void.class}. A
 * {@code 304} declares that the method evaluates {@code If-None-Match} against the {@code ETag} it
 * sends. An array type ({@code Member[].class}) is a JSON array. Errors (problem+json) need no
 * declaration: every operation may answer them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Returns.All.class)
public @interface Returns {
    /** The type of the body; {@code Void.class} (the default) for none. */
    Class<?> value() default Void.class;

    /** The HTTP status. */
    int status() default 200;

    /** The body's media type ({@code text/csv}); by default the method's {@code @Produces}, else JSON. */
    String mediaType() default "";

    /** What this answer means, for the reader of the description; by default the status's name. */
    String description() default "";

    /** The container of repeated {@link Returns}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface All {
        Returns[] value();
    }
}
