package org.sotay.registry.api;

import java.time.LocalDate;

import org.sotay.core.api.Required;

/**
 * What a client sends to create or edit a member. Status, installation and account flags are
 * not here: they change through their own operations (status changes, the identity module).
 * {@code version} is required to edit.
 */
public record MemberDraft(@Required String cardNumber, @Required String fullName, @Required LocalDate dateOfBirth, @Required Gender gender,
        String ethnicity, @Required LocalDate dateAdmitted, LocalDate dateOfficial, @Required String cellId, String residenceUnitId, String phone, String email,
        Boolean usesSmartphone, Long version) {
    /** Nothing filled in (what a client sends as an empty body). */
    public static final MemberDraft EMPTY = new MemberDraft(null, null, null, null, null, null, null, null, null, null, null, null, null);
}
