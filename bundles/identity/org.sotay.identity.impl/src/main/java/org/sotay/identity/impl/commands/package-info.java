/** Karaf shell commands for operators: accounts, activation codes, locks, the first administrator, key rotation. */
@org.osgi.annotation.bundle.Header(name = "Karaf-Commands", value = "org.sotay.identity.impl.commands")
package org.sotay.identity.impl.commands;
