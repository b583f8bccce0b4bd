/** Health of the running modules, as shown by {@code GET /api/v1/health}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.sotay.core.api.health;
