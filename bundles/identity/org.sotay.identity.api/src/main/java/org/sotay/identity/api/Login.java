package org.sotay.identity.api;

import org.sotay.core.api.Required;

/** A sign-in: the party card number (members) or account name (staff), the password, and optionally the app installation. */
public record Login(@Required String username, @Required String password, DeviceInfo device) {
}
