package org.sotay.identity.api;

import org.sotay.core.api.Required;

/** A new account and, when the server generated it, its one-time password or client secret (shown once, never stored in clear). */
public record CreatedAccount(@Required Account account, String oneTimeSecret) {
}
