/** The transactional outbox: events that are delivered if and only if their change was committed. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.core.api.events;
