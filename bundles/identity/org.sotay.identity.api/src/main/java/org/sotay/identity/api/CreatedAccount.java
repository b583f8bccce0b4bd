package org.sotay.identity.api;

/** A new account and, when the server generated it, its one-time password or client secret (shown once, never stored in clear). */
public record CreatedAccount(Account account, String oneTimeSecret) {
}
