package org.sotay.registry.api;

import java.time.Instant;
import java.time.LocalDate;

import org.sotay.core.api.Required;

/** A party member as the registry keeps them. */
public record Member(@Required String id, @Required String cardNumber, @Required String fullName, @Required LocalDate dateOfBirth,
        @Required Gender gender, String ethnicity, @Required LocalDate dateAdmitted, LocalDate dateOfficial, @Required MemberStatus status,
        @Required LocalDate statusSince, @Required String cellId,
        String residenceUnitId, String phone, String email, boolean usesSmartphone, boolean appInstalled,
        LocalDate appInstalledOn, boolean accountRegistered, LocalDate accountRegisteredOn, @Required Instant createdAt,
        @Required Instant updatedAt, long version) {
}
