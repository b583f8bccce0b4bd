/**
 * Contracts shared by every Sotay module: paging ({@link org.sotay.core.api.Page},
 * {@link org.sotay.core.api.PageRequest}), RFC 9457 problems ({@link org.sotay.core.api.Problem}),
 * the exceptions a service throws to produce them, and bilingual (Vietnamese first) messages.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.sotay.core.api;
