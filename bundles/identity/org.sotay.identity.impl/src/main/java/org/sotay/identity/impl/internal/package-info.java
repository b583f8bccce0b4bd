/** Identity over its own tables (IDN_*), through the JPA unit {@code sotay-identity}. */
@org.osgi.annotation.bundle.Header(name = "Meta-Persistence", value = "META-INF/persistence.xml")
package org.sotay.identity.impl.internal;
