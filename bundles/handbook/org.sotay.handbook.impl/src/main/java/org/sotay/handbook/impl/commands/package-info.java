/** Karaf shell commands for operators: {@code sotay:handbook-items}, {@code -publish}, {@code -withdraw}, {@code -rates}. */
@org.osgi.annotation.bundle.Header(name = "Karaf-Commands", value = "org.sotay.handbook.impl.commands")
package org.sotay.handbook.impl.commands;
