package org.sotay.identity.api;

import java.time.LocalDate;

import org.sotay.core.api.Required;

/** A role to grant at a unit; {@code validTo} ends a time-boxed grant (inclusive). */
public record GrantDraft(@Required Role role, @Required String unitId, LocalDate validFrom, LocalDate validTo) {
}
