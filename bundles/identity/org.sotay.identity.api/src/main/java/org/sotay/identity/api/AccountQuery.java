package org.sotay.identity.api;

/** Filters for listing accounts; {@code null} fields do not filter. {@code text} matches the username or name, diacritics optional. */
public record AccountQuery(String unitId, String text, AccountKind kind, Boolean locked) {
}
