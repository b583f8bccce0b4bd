/**
 * What the reporting module reads of the meetings, without their tables: each meeting's facts as its
 * events carry them, by id, and every meeting's id for a rebuild. Unscoped, ids and counts only.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.meetings.api.facts;
