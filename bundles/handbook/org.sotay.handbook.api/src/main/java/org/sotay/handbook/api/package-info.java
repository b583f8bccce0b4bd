/**
 * The handbook: the library of content members open the app for (statute, resolutions,
 * directives, guidance, thematic topics, news, questions and answers), addressed to subtrees,
 * with mandatory reading, search, bookmarks, notes and feedback.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.sotay.handbook.api;
