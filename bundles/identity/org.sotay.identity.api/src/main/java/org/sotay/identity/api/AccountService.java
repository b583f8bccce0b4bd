package org.sotay.identity.api;

import java.util.List;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/**
 * Accounts. Staff operations are limited to the caller's subtrees: an account whose home unit is
 * outside them is not found.
 */
@org.osgi.annotation.versioning.ProviderType
public interface AccountService {
    /** A member registers with card, birth date and a {@code REGISTER} code; marks them "account registered" in the registry. */
    Account register(Registration registration);

    /** Sets a new password with a {@code RESET} code; every session of the account is signed out. */
    void resetPassword(Registration reset);

    /** Issues a code to the member; {@code REGISTER} when they have no account yet, {@code RESET} otherwise. */
    ActivationCode issueCode(String memberId);

    /** The current caller's account. */
    Account me();

    /** Changes the caller's password; every other session is signed out. */
    void changePassword(String currentPassword, String newPassword);

    List<Device> myDevices();

    /** Forgets one of the caller's devices and signs it out. */
    void revokeDevice(String deviceId);

    CreatedAccount create(StaffDraft draft);

    Page<Account> find(AccountQuery query, PageRequest page);

    Account get(String id);

    /** Locks an account (until a date, or until unlocked) and signs it out everywhere. */
    Account lock(String id, String reason, java.time.Instant until);

    /** Lifts a staff lock and any failed-login back-off. */
    Account unlock(String id);

    Account grant(String accountId, GrantDraft grant);

    /** Ends a grant today (it is kept, with its end date, for the record). */
    Account revokeGrant(String accountId, String grantId);
}
