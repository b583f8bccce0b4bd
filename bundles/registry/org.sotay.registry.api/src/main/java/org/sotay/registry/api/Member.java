package org.sotay.registry.api;

import java.time.Instant;
import java.time.LocalDate;

/** A party member as the registry keeps them. */
public record Member(String id, String cardNumber, String fullName, LocalDate dateOfBirth, Gender gender, String ethnicity,
        LocalDate dateAdmitted, LocalDate dateOfficial, MemberStatus status, LocalDate statusSince, String cellId,
        String residenceUnitId, String phone, String email, boolean usesSmartphone, boolean appInstalled,
        LocalDate appInstalledOn, boolean accountRegistered, LocalDate accountRegisteredOn, Instant createdAt,
        Instant updatedAt, long version) {
}
