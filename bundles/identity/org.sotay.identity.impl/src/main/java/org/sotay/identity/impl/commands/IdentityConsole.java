package org.sotay.identity.impl.commands;

import org.sotay.core.api.security.Caller;

/** What the console needs from the identity internals (inside this bundle only). */
public interface IdentityConsole {
    /** The console operator, holding identity and registry-read permissions at the root: the console is guarded by Karaf's own realm. */
    Caller operator(String command);

    /** Creates a provincial administrator at the root unit. */
    void createAdmin(String username, String displayName, String password);

    /** Makes a new token signing key current; returns its id. */
    String rotateKey();
}
