/** Karaf shell commands for operators: the deliveries that failed. */
@org.osgi.annotation.bundle.Header(name = "Karaf-Commands", value = "org.sotay.notify.impl.commands")
package org.sotay.notify.impl.commands;
