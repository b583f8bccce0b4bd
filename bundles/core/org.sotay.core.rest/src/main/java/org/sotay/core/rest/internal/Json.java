package org.sotay.core.rest.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

import org.sotay.core.api.Dates;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The platform's one JSON configuration: ISO-8601 dates, no nulls, unknown fields refused. What a
 * client sends is read strictly: a number where text is expected, {@code 1.5} or {@code 1e400} for
 * a whole number, a key given twice, or a day or instant outside {@link Dates}' range is a 400
 * naming the field, never silently turned into something else (or into a failure deeper down).
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("sotay-dates").setDeserializerModifier(new DateRange()))
            // a NUL in any text of a body is refused with its field: no database stores it (PostgreSQL fails)
            .addModule(new SimpleModule("sotay-text").addDeserializer(String.class, new NoNulString()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // A body that names a field the endpoint does not take is refused (no mass assignment).
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"title":"a","title":"b"}: which one did the client mean? Refused.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // 1.5 or 1e400 for a whole number is an error, not 1 (or Long.MAX_VALUE)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            // a number or boolean where text is expected is an error, not silently "5"
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .build();

    private Json() {
    }

    /** Jackson's own text reading, refusing a NUL character. */
    static final class NoNulString extends com.fasterxml.jackson.databind.deser.std.StringDeserializer {
        private static final long serialVersionUID = 1L;

        @Override
        public String deserialize(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
                throws java.io.IOException {
            String s = super.deserialize(p, ctxt);
            if (s != null && s.indexOf('\0') >= 0) {
                throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(p, "a NUL character is not text", s, String.class);
            }
            return s;
        }
    }

    /** A date or instant outside {@link Dates}' range; {@link Problems} names the field with code {@code out-of-range}. */
    static final class OutOfRangeException extends MismatchedInputException {
        private static final long serialVersionUID = 1L;

        OutOfRangeException(JsonParser p, Class<?> type) {
            super(p, "date outside " + Dates.MIN + ".." + Dates.MAX, type);
        }
    }

    /** Wraps the JSR-310 readers of {@link LocalDate} and {@link Instant} with the range check. */
    private static final class DateRange extends BeanDeserializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            return type == LocalDate.class || type == Instant.class ? new InRange(deserializer) : deserializer;
        }
    }

    private static final class InRange extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        InRange(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new InRange(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            if (value instanceof LocalDate d && !Dates.inRange(d) || value instanceof Instant i && !Dates.inRange(i)) {
                throw new OutOfRangeException(p, value.getClass());
            }
            return value;
        }
    }
}
