package org.sotay.identity.api;

import java.time.LocalDate;

import org.sotay.core.api.Required;

/** What a member types to register (or to reset their password): card, birth date, the code, the new password. */
public record Registration(@Required String cardNumber, @Required LocalDate dateOfBirth, @Required String activationCode,
        @Required String password) {
}
