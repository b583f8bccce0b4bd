package org.sotay.handbook.api;

/** An item's life cycle: a draft, scheduled for a later publication, published, withdrawn (kept, out of every reader's list). */
public enum ItemStatus {
    DRAFT, SCHEDULED, PUBLISHED, WITHDRAWN
}
