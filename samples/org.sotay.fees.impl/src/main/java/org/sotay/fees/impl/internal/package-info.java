/** Party fees' private implementation: its JPA unit {@code sotay-fees} and its tables {@code FEE_*}. */
@org.osgi.annotation.bundle.Header(name = "Meta-Persistence", value = "META-INF/persistence.xml")
package org.sotay.fees.impl.internal;
