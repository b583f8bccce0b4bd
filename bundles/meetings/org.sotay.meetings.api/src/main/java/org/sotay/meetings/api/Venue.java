package org.sotay.meetings.api;

import org.sotay.core.api.Required;

/** Where a cell meets (the village cultural house, the office), and whether there is internet there. */
public record Venue(@Required String id, @Required String unitId, @Required String name, String address, boolean internet, boolean active,
        long version) {
}
