package org.sotay.handbook.api;

import java.util.List;

import org.sotay.core.api.Required;

/**
 * Who an item is for: every member whose cell (or residence unit) lies under one of {@code unitIds}
 * (the root unit: the whole deployment), limited to holders of the audience groups of {@code roles}
 * when given ({@link HandbookPermissions#AUDIENCE_ROLES}).
 */
public record Audience(@Required List<String> unitIds, List<String> roles) {
    public static final int MAX_UNITS = 50;
}
