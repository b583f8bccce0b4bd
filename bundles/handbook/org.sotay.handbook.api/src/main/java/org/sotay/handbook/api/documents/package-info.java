/**
 * What other modules (the meetings module first) may ask the handbook about items they use as
 * documents, without reading its tables: whether an item is visible to a unit's members and since
 * when, and its content as those members see it. Provided by the handbook when it is installed; a
 * module that uses it holds an optional reference and works without it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.handbook.api.documents;
