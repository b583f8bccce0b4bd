package org.sotay.registry.api;

/** An official transfer changes the member's home cell; a temporary one adds a cell for a period. */
public enum TransferKind {
    OFFICIAL, TEMPORARY
}
