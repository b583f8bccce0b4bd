package org.sotay.identity.api;

import java.time.LocalDate;

/** A role to grant at a unit; {@code validTo} ends a time-boxed grant (inclusive). */
public record GrantDraft(Role role, String unitId, LocalDate validFrom, LocalDate validTo) {
}
