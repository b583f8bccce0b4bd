package org.sotay.handbook.api;

import java.util.List;
import java.util.Locale;

/**
 * Permissions of the handbook, held at an org unit and covering its subtree. A reader's audience is
 * the path of their cell (and residence unit); the audience groups below let an item be limited to
 * holders of a role-like permission (an item for cell secretaries only).
 */
public final class HandbookPermissions {
    /** Read the items addressed to one's own position in the tree; bookmarks, notes, reads, feedback. */
    public static final String READ = "handbook.read";
    /** Write drafts and attachments of items owned by a unit of the subtree; read their previous versions. */
    public static final String ITEM_WRITE = "handbook.item.write";
    /** Publish (now or scheduled), edit published items and withdraw them, for audiences inside the subtree. */
    public static final String ITEM_PUBLISH = "handbook.item.publish";
    /** Manage the item kinds and the category tree (held at a root unit: they are the deployment's). */
    public static final String CATALOG_MANAGE = "handbook.catalog.manage";
    /** Record that a member of the subtree read an item on their behalf (a secretary, an install helper). */
    public static final String READING_RECORD = "handbook.reading.record";
    /** See reading rates per unit down the subtree. */
    public static final String READING_REPORT = "handbook.reading.report";
    /** See who has not read an item: only where held at the member's cell itself, never from above. */
    public static final String READING_NAMES = "handbook.reading.names";
    /** Answer, close and publish the feedback sent from the subtree. */
    public static final String FEEDBACK_ANSWER = "handbook.feedback.answer";
    /** Prefix of the audience groups: {@code handbook.audience.cell-secretary} lets its holders read items limited to CELL_SECRETARY. */
    public static final String AUDIENCE_PREFIX = "handbook.audience.";
    /** The roles an item's audience may be limited to. */
    public static final List<String> AUDIENCE_ROLES = List.of("CELL_SECRETARY", "COMMITTEE_STAFF", "INSTALL_HELPER");

    private HandbookPermissions() {
    }

    /** The permission of an audience role: {@code CELL_SECRETARY} -> {@code handbook.audience.cell-secretary}. */
    public static String audience(String role) {
        return AUDIENCE_PREFIX + role.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
