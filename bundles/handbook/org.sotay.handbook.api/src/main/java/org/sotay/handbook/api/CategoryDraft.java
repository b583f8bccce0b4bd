package org.sotay.handbook.api;

import org.sotay.core.api.Required;

/** A new category, under {@code parentId} (absent: at the top). */
public record CategoryDraft(@Required String name, String parentId) {
}
