package org.sotay.core.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A typed configuration ({@code @ObjectClassDefinition} annotation) for a component built in a
 * test: every attribute has its declared default unless {@code values} names it.
 *
 * <pre>
 * IdentityConfig c = TestConfig.of(IdentityConfig.class, Map.of("passwordIterations", 10_000));
 * </pre>
 */
public final class TestConfig {
    private TestConfig() {
    }

    @SuppressWarnings("unchecked")
    public static <A> A of(Class<A> type, Map<String, ?> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            String name = method.getName();
            if (values.containsKey(name)) {
                return values.get(name);
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            return switch (name) {
            case "annotationType" -> type;
            case "toString" -> type.getSimpleName() + values;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new IllegalStateException(type.getSimpleName() + "." + name + " has no default and no test value");
            };
        });
    }
}
