/** The notify module's private implementation: its JPA unit {@code sotay-notify} and its tables {@code NTF_*}. */
@org.osgi.annotation.bundle.Header(name = "Meta-Persistence", value = "META-INF/persistence.xml")
package org.sotay.notify.impl.internal;
