/** Karaf shell commands of reporting ({@code sotay:report-*}). */
@org.osgi.annotation.bundle.Header(name = "Karaf-Commands", value = "org.sotay.reporting.impl.commands")
package org.sotay.reporting.impl.commands;
