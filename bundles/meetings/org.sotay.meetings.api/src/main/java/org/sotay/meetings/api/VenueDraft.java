package org.sotay.meetings.api;

import org.sotay.core.api.Required;

/** A venue as a secretary enters it; {@code version} is required to edit. */
public record VenueDraft(@Required String name, String address, Boolean internet, Boolean active, Long version) {
    public static final int NAME_MAX = 200;
    public static final int ADDRESS_MAX = 500;
}
