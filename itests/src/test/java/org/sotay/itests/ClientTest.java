package org.sotay.itests;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;

import org.junit.runners.model.FrameworkMethod;
import org.junit.runners.model.InitializationError;
import org.junit.runners.model.Statement;
import org.ops4j.pax.exam.junit.impl.ProbeRunner;

/**
 * A test method that runs in the test's own JVM, outside OSGi, while the container of its class is
 * up: for checks that need a library the container does not have (an OpenAPI parser), talking to
 * the distribution over HTTP like any client. The class runs with {@link Runner}; its
 * {@code @Test} methods still run inside the container. A client test is not a {@code @Test} (those
 * go into the probe) and must not reach for injected services.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ClientTest {
    /**
     * Pax Exam's runner for a Karaf container plus the class's {@link ClientTest} methods, run in
     * this JVM between the container's start and stop. Keep every type of a library the container
     * lacks out of the test class's signatures: the class is loaded in the container too.
     */
    class Runner extends ProbeRunner {
        public Runner(Class<?> type) throws InitializationError {
            super(type);
        }

        @Override
        protected List<FrameworkMethod> getChildren() {
            List<FrameworkMethod> all = new ArrayList<>(super.getChildren());
            all.addAll(getTestClass().getAnnotatedMethods(ClientTest.class));
            return all;
        }

        @Override
        protected Statement methodBlock(FrameworkMethod method) {
            if (method.getAnnotation(ClientTest.class) == null) {
                return super.methodBlock(method);
            }
            return new Statement() {
                @Override
                public void evaluate() throws Throwable {
                    method.invokeExplosively(getTestClass().getOnlyConstructor().newInstance());
                }
            };
        }
    }
}
