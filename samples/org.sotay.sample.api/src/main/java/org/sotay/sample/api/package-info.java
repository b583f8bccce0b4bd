/**
 * The notice board: the sample module that shows the Sotay module pattern end to end (API,
 * JPA implementation with its own migrations and tables, REST resource, feature, tests). A
 * province's committee publishes short notices that anyone may read.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.sample.api;
