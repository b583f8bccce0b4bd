package org.sotay.handbook.api;

/** The editors' list: items owned by units of the caller's subtree, optionally of one status, kind or unit's subtree. */
public record EditorQuery(ItemStatus status, String kind, String unitId) {
}
