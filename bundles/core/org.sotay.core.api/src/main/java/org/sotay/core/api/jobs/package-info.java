/**
 * Background and periodic work: one scheduler for the platform, bounded thread pools per purpose,
 * cluster-wide leases for work that must run on one node at a time, and tracked jobs whose state
 * every node can read. No module creates threads of its own.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.core.api.jobs;
