/** The registry over its own tables (REG_*), through the JPA unit {@code sotay-registry}. */
@org.osgi.annotation.bundle.Header(name = "Meta-Persistence", value = "META-INF/persistence.xml")
package org.sotay.registry.impl.internal;
