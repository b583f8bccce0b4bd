/** Karaf shell commands for operators: {@code sotay:org-tree}, {@code sotay:member-find}. */
@org.osgi.annotation.bundle.Header(name = "Karaf-Commands", value = "org.sotay.registry.impl.commands")
package org.sotay.registry.impl.commands;
