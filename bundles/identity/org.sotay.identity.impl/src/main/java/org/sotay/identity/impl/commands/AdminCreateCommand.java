package org.sotay.identity.impl.commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code sotay:admin-create <name>}: a provincial administrator at the root; the password is typed twice, never echoed. */
@Service
@Command(scope = "sotay", name = "admin-create", description = "Tạo quản trị viên tỉnh / Create a provincial administrator")
public class AdminCreateCommand implements Action {
    @Reference
    IdentityConsole console;
    @Reference
    Session session;

    @Argument(index = 0, name = "username", description = "Account name (a-z, 0-9, '.', '_', '-')", required = true)
    String username;

    @Option(name = "-n", aliases = "--name", description = "Name to show")
    String displayName;

    @Override
    public Object execute() throws Exception {
        String first = session.readLine("Mật khẩu / Password: ", '*');
        String second = session.readLine("Nhập lại / Again: ", '*');
        if (first == null || !first.equals(second)) {
            System.err.println("Hai lần nhập khác nhau / The two entries differ");
            return null;
        }
        console.createAdmin(username, displayName == null ? username : displayName, first);
        System.out.println("Đã tạo / Created: " + username);
        return null;
    }
}
