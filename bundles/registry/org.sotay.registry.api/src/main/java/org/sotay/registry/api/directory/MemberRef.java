package org.sotay.registry.api.directory;

import org.sotay.registry.api.MemberStatus;

import java.time.LocalDate;

/** What another module needs to know of a member to link an account to them: no contact data. */
public record MemberRef(String id, String cardNumber, String fullName, LocalDate dateOfBirth, String cellId, MemberStatus status,
        boolean accountRegistered, boolean appInstalled) {
}
