package org.sotay.handbook.api;

import org.sotay.core.api.Required;

/** The note's text; {@code version} to replace an existing note. */
public record NoteDraft(@Required String text, Long version) {
}
