package org.sotay.registry.api;

/**
 * A member search. Every criterion is optional. {@code text} matches the name with or without
 * Vietnamese diacritics ("Nguyen Van A" finds "Nguyễn Văn A", "d" matches "đ") or the card
 * number prefix; {@code unitId} limits to that unit's subtree. Results are always limited to the
 * caller's part of the tree and sorted in Vietnamese order (given name first, as Vietnamese
 * lists are).
 */
public record MemberQuery(String text, String unitId, MemberStatus status, Boolean usesSmartphone, Boolean appInstalled,
        Boolean accountRegistered) {
    public static MemberQuery all() {
        return new MemberQuery(null, null, null, null, null, null);
    }
}
