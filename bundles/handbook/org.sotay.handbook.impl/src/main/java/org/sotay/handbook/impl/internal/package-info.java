/** The handbook's private implementation: its JPA unit {@code sotay-handbook} and its tables {@code HBK_*}. */
@org.osgi.annotation.bundle.Header(name = "Meta-Persistence", value = "META-INF/persistence.xml")
package org.sotay.handbook.impl.internal;
