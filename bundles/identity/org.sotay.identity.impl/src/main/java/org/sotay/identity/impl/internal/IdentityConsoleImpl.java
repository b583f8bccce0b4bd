package org.sotay.identity.impl.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.OrgTree;
import org.sotay.identity.impl.commands.IdentityConsole;

@Component(service = IdentityConsole.class)
public class IdentityConsoleImpl implements IdentityConsole {
    private final OrgTree tree;
    private final Bootstrap bootstrap;
    private final SigningKeys keys;

    @Activate
    public IdentityConsoleImpl(@Reference OrgTree tree, @Reference Bootstrap bootstrap, @Reference SigningKeys keys) {
        this.tree = tree;
        this.bootstrap = bootstrap;
        this.keys = keys;
    }

    @Override
    public Caller operator(String command) {
        Set<String> roots = new LinkedHashSet<>(tree.roots());
        // the console ranks above every role (it can create administrators): it may reset or unlock any account
        return new SystemCaller("console:" + command, roots, Set.of("*"));
    }

    @Override
    public void createAdmin(String username, String displayName, String password) {
        List<String> roots = tree.roots();
        if (roots.isEmpty()) {
            throw new IllegalStateException("the organization tree has no root unit yet");
        }
        String name = Usernames.normalise(username);
        if (!Usernames.STAFF.matcher(name).matches()) {
            throw new IllegalArgumentException("an account name has 3-64 characters a-z, 0-9, '.', '_', '-' and starts with a letter");
        }
        bootstrap.createAdmin(name, displayName, password, roots.get(0), "console", false);
    }

    @Override
    public String rotateKey() {
        return keys.rotate();
    }
}
