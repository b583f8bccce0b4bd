package org.sotay.identity.api;

import java.time.LocalDate;

/** What a member types to register (or to reset their password): card, birth date, the code, the new password. */
public record Registration(String cardNumber, LocalDate dateOfBirth, String activationCode, String password) {
}
