/**
 * What plugins implement to add their own figure to the reports' drill-down (versioned apart from
 * the API: a change here is a change for every implementer).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.reporting.spi;
