package org.sotay.handbook.api;

/** A reader's list: published items of the caller's audience, optionally of one kind, category, tag, or mandatory only. */
public record LibraryQuery(String kind, String categoryId, String tag, Boolean mandatory) {
}
