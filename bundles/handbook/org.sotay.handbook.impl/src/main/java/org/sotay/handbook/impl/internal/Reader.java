package org.sotay.handbook.impl.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.sotay.core.api.SotayException;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.OrgTree;
import org.sotay.handbook.api.HandbookPermissions;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.MemberStatus;

/**
 * Where a reader stands in the tree, as the audience filter needs it: for each audience role ({@code *} for
 * every member) the ids of the units on the paths from the root to the reader's positions. A member's
 * positions are their cell and residence unit (from the registry's {@link MemberService#self()}); any caller's
 * are also the units where they hold {@link HandbookPermissions#READ} (for a role, its audience permission).
 * An item is visible when one of its audience rows names one of those units with a matching role.
 */
final class Reader {
    static final String EVERYONE = "*";

    final String memberId;
    final String cellId;
    final String cellPath;
    final MemberStatus status;
    /** The key of the reader's bookmarks and notes: the member, else the account. */
    final String key;
    final String subject;
    final String name;
    /** Role code to unit ids (sorted, so the fingerprint is stable). */
    final Map<String, Set<String>> units;

    private Reader(String memberId, String cellId, String cellPath, MemberStatus status, String subject, String name,
            Map<String, Set<String>> units) {
        this.memberId = memberId;
        this.cellId = cellId;
        this.cellPath = cellPath;
        this.status = status;
        this.key = memberId != null ? "m:" + memberId : "a:" + subject;
        this.subject = subject;
        this.name = name;
        this.units = units;
    }

    /** The current caller as a reader. */
    static Reader of(Caller caller, MemberService members, OrgTree tree) {
        Map<String, Set<String>> units = new TreeMap<>();
        String memberId = caller.memberId();
        String cellId = null;
        String cellPath = null;
        MemberStatus status = null;
        if (memberId != null) {
            try {
                Member self = members.self();
                memberId = self.id();
                cellId = self.cellId();
                status = self.status();
                List<String> cell = tree.lineage(cellId);
                cellPath = OrgTree.path(cell);
                add(units, EVERYONE, cell);
                if (self.residenceUnitId() != null) {
                    add(units, EVERYONE, tree.lineage(self.residenceUnitId()));
                }
            } catch (SotayException e) {
                if (!"not-found".equals(e.type().slug())) {
                    throw e;
                }
                memberId = null; // an account whose member left the registry reads as an account
            }
        }
        for (String unit : caller.unitsFor(HandbookPermissions.READ)) {
            add(units, EVERYONE, tree.lineage(unit));
        }
        for (String role : HandbookPermissions.AUDIENCE_ROLES) {
            for (String unit : caller.unitsFor(HandbookPermissions.audience(role))) {
                add(units, role, tree.lineage(unit));
            }
        }
        return new Reader(memberId, cellId, cellPath, status, caller.subject(), caller.displayName(), units);
    }

    /** A member as the audience filter sees them when someone else records their read (no roles: the member's own positions). */
    static Reader member(Member m, OrgTree tree) {
        Map<String, Set<String>> units = new TreeMap<>();
        List<String> cell = tree.lineage(m.cellId());
        add(units, EVERYONE, cell);
        if (m.residenceUnitId() != null) {
            add(units, EVERYONE, tree.lineage(m.residenceUnitId()));
        }
        return new Reader(m.id(), m.cellId(), OrgTree.path(cell), m.status(), "member:" + m.id(), m.fullName(), units);
    }

    private static void add(Map<String, Set<String>> units, String role, List<String> lineage) {
        if (!lineage.isEmpty()) {
            units.computeIfAbsent(role, r -> new TreeSet<>()).addAll(lineage);
        }
    }

    boolean nowhere() {
        return units.isEmpty();
    }

    /**
     * {@code EXISTS (...)} over the audience rows of the item whose id is {@code itemColumn}; {@code params} receives
     * the parameters in order. {@code activeOnly} false also matches rows taken out of the audience (tombstones).
     */
    String audience(String itemColumn, boolean activeOnly, List<Object> params) {
        if (units.isEmpty()) {
            return "(" + itemColumn + " IS NULL)";
        }
        StringBuilder sb = new StringBuilder("EXISTS (SELECT 1 FROM HBK_AUDIENCE a WHERE a.ITEM_ID = ").append(itemColumn);
        if (activeOnly) {
            sb.append(" AND a.ACTIVE = 1");
        }
        sb.append(" AND (");
        boolean first = true;
        for (Map.Entry<String, Set<String>> e : units.entrySet()) {
            sb.append(first ? "" : " OR ").append("(a.ROLE_CODE = ? AND a.UNIT_ID IN (").append(Sql.marks(e.getValue().size())).append("))");
            params.add(e.getKey());
            params.addAll(e.getValue());
            first = false;
        }
        return sb.append("))").toString();
    }

    /** A short stable digest of the positions: the delta feed restarts when it changes. */
    String fingerprint() {
        StringBuilder sb = new StringBuilder();
        units.forEach((role, ids) -> sb.append(role).append('=').append(String.join(",", ids)).append(';'));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> everyoneUnits() {
        return new ArrayList<>(units.getOrDefault(EVERYONE, Set.of()));
    }
}
