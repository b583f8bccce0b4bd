/**
 * The notice board: the sample module that shows the Sotay module pattern end to end (API with
 * permissions and event topics, JPA implementation with its own migrations and tables, the core
 * scope filter, journal and clock, REST resource, feature, unit tests on the harness and a Pax Exam
 * test). A committee publishes short notices to a unit; those who hold the read permission over
 * that unit read them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.sotay.sample.api;
