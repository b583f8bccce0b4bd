/**
 * The member registry: the organization tree (units, their types and their restructuring
 * history) and the party members in it. Implementations are replaceable: a province may install
 * one that synchronises from the national member database instead of the local tables, and keep
 * every REST endpoint and plugin, which depend only on this package.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.sotay.registry.api;
