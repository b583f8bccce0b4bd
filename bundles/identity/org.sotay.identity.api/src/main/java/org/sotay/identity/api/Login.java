package org.sotay.identity.api;

/** A sign-in: the party card number (members) or account name (staff), the password, and optionally the app installation. */
public record Login(String username, String password, DeviceInfo device) {
}
