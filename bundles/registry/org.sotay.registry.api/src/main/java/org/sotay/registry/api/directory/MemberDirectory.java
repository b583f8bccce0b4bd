package org.sotay.registry.api.directory;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Member look-ups and flag updates for the trusted modules that need them across the whole tree:
 * the identity module finds a registering member by card number for an anonymous caller, reads the
 * member's cell and status at sign-in, and records "account registered" and "app installed". Unlike
 * {@link org.sotay.registry.api.MemberService} it is not limited to a caller's subtree, so:
 *
 * <ul>
 * <li>it is never exposed over REST, and a REST bundle must never use it;</li>
 * <li>the registry hands it only to the bundles named in its configuration ({@code trustedBundles}
 * of PID {@code org.sotay.registry}, by default {@code org.sotay.identity.impl}); any other bundle's
 * reference to it stays unsatisfied, and the registry logs the refusal;</li>
 * <li>{@link MemberRef} carries no contact data, and every write is audited.</li>
 * </ul>
 */
@org.osgi.annotation.versioning.ProviderType
public interface MemberDirectory {
    /** The member holding this party card number (digits only are compared). */
    Optional<MemberRef> byCardNumber(String cardNumber);

    Optional<MemberRef> byId(String memberId);

    /**
     * Marks the member as having registered an account on {@code on} (the first date is kept; a date
     * before the member's admission or after today is refused as a validation problem).
     */
    void accountRegistered(String memberId, LocalDate on);

    /** Marks the member as having installed the app on {@code on} (the same rules). */
    void appInstalled(String memberId, LocalDate on);
}
