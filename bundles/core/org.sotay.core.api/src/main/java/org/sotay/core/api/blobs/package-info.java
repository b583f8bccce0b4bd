/**
 * Files kept by the platform (import uploads, handbook attachments, photos of paper minutes, audio):
 * streamed in and out, size-limited, checksummed, stored in the database or in a directory that every
 * node of a cluster shares.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.core.api.blobs;
