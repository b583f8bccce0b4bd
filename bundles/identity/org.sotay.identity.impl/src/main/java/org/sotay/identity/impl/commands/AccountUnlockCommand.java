package org.sotay.identity.impl.commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.security.CallerContext;
import org.sotay.identity.api.Account;
import org.sotay.identity.api.AccountService;

/** {@code sotay:account-unlock <id>}: lifts a lock and any failed-login back-off. */
@Service
@Command(scope = "sotay", name = "account-unlock", description = "Mở khoá tài khoản / Unlock an account")
public class AccountUnlockCommand implements Action {
    @Reference
    AccountService accounts;
    @Reference
    CallerContext callers;
    @Reference
    IdentityConsole console;

    @Argument(index = 0, name = "id", description = "Account id (see sotay:account-list)", required = true)
    String id;

    @Override
    public Object execute() throws Exception {
        Account a = callers.runAs(console.operator("account-unlock"), () -> accounts.unlock(id));
        System.out.println("Đã mở khoá / Unlocked: " + a.username());
        return null;
    }
}
