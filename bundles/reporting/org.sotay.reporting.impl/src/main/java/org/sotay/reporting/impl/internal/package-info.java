/** Reporting's private implementation: its JPA unit {@code sotay-reporting} and its tables {@code RPT_*}. */
@org.osgi.annotation.bundle.Header(name = "Meta-Persistence", value = "META-INF/persistence.xml")
package org.sotay.reporting.impl.internal;
