package org.sotay.reporting.api;

import org.sotay.core.api.Required;

/** A unit as the report shows it (as it was on the report's date): {@code cell} when it holds members. */
public record UnitRef(@Required String id, @Required String code, @Required String name, @Required String typeCode, String parentId,
        int depth, boolean cell) {
}
