package org.sotay.registry.api;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Look-ups and flag updates for trusted modules (the identity module links accounts to members
 * and records registrations and app installations). Unlike {@link MemberService} it is not
 * limited to a caller's subtree, so it is never exposed over REST as is.
 */
@org.osgi.annotation.versioning.ProviderType
public interface MemberDirectory {
    /** The member holding this party card number (digits only are compared). */
    Optional<MemberRef> byCardNumber(String cardNumber);

    Optional<MemberRef> byId(String memberId);

    /** Marks the member as having registered an account on {@code on} (the first date is kept). */
    void accountRegistered(String memberId, LocalDate on);

    /** Marks the member as having installed the app on {@code on} (the first date is kept). */
    void appInstalled(String memberId, LocalDate on);
}
