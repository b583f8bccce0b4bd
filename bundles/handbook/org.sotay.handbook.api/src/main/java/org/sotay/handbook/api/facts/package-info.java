/**
 * What the reporting module reads of mandatory reading, without the handbook's tables: the mandatory
 * items with their audiences, and who read them (by themselves or on their behalf), in which cell.
 * Ids only; unscoped (reporting scopes its own figures).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.handbook.api.facts;
