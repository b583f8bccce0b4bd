package org.sotay.core.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of a record the REST layer reads or writes as always there, for the API
 * description ({@code /api/openapi.json}): in an answer, the field is always sent (never absent);
 * in a request body, the client must send it in every operation that takes the record. Primitive
 * components ({@code int}, {@code long}, {@code boolean}) of an answer are always sent and need no
 * mark. Mark only what holds for every use of the record: a field required to edit but not to
 * create (a {@code version}) is not {@code @Required}; the service still checks it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
public @interface Required {
}
