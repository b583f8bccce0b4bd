package org.sotay.identity.impl.commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code sotay:token-key-rotate}: a new signing key for access tokens; tokens signed before stay valid until they expire. */
@Service
@Command(scope = "sotay", name = "token-key-rotate", description = "Đổi khoá ký token / Rotate the token signing key")
public class KeyRotateCommand implements Action {
    @Reference
    IdentityConsole console;

    @Override
    public Object execute() throws Exception {
        System.out.println("Khoá mới / New key: " + console.rotateKey());
        return null;
    }
}
