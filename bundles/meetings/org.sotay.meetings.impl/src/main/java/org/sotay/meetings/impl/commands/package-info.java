/** Karaf shell commands of the meetings module ({@code sotay:meeting-*}). */
@org.osgi.annotation.bundle.Header(name = "Karaf-Commands", value = "org.sotay.meetings.impl.commands")
package org.sotay.meetings.impl.commands;
