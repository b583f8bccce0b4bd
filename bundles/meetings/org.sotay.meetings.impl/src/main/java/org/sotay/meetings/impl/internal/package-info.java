/** The meetings module's private implementation: its JPA unit {@code sotay-meetings} and its tables {@code MTG_*}. */
@org.osgi.annotation.bundle.Header(name = "Meta-Persistence", value = "META-INF/persistence.xml")
package org.sotay.meetings.impl.internal;
