/**
 * Versioned schema migrations for module-owned tables. Each module ships its scripts in its own
 * bundle and asks the {@link org.sotay.core.api.persistence.SchemaMigrator} to apply them when
 * its component activates, before its persistence unit is used. {@link org.sotay.core.api.persistence.LockWaits}
 * (since 1.2.0) tells a lock wait that ran out from a real failure.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.sotay.core.api.persistence;
