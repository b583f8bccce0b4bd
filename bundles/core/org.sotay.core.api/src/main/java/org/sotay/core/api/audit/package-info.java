/**
 * The audit trail shared by every module: who did what, acting in which unit, when and from which
 * client, written in the same transaction as the change.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.core.api.audit;
