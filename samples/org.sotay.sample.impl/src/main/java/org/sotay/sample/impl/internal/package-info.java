/** The notice board's private implementation: its JPA unit {@code sotay-sample} and its tables {@code SMP_*}. */
@org.osgi.annotation.bundle.Header(name = "Meta-Persistence", value = "META-INF/persistence.xml")
package org.sotay.sample.impl.internal;
