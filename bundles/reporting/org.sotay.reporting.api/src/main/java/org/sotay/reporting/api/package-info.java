/**
 * Reporting: the figures each committee inspects the level below with (installation and account
 * registration against all members and against the target group, cell activity, attendance,
 * reading), for any unit's subtree, on a date, with drill-down to each child. Figures are kept
 * from the other modules' events, never computed by scanning members per request.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.sotay.reporting.api;
