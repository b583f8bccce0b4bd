/**
 * Who to tell: the accounts behind a unit, for modules that address messages (the notify module)
 * without reading identity's tables. Unscoped (it answers for any unit) and internal: never exposed
 * over REST, and it gives account ids only, no names or contact data.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.identity.api.recipients;
