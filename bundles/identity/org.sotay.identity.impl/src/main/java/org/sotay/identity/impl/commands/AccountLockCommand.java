package org.sotay.identity.impl.commands;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.security.CallerContext;
import org.sotay.identity.api.Account;
import org.sotay.identity.api.AccountService;

/** {@code sotay:account-lock <id> <reason>}: locks an account and signs it out everywhere. */
@Service
@Command(scope = "sotay", name = "account-lock", description = "Khoá tài khoản / Lock an account")
public class AccountLockCommand implements Action {
    @Reference
    AccountService accounts;
    @Reference
    CallerContext callers;
    @Reference
    java.time.Clock clock;
    @Reference
    IdentityConsole console;

    @Argument(index = 0, name = "id", description = "Account id (see sotay:account-list)", required = true)
    String id;

    @Argument(index = 1, name = "reason", description = "Why", required = true, multiValued = true)
    java.util.List<String> reason;

    @Option(name = "-d", aliases = "--days", description = "Lock for this many days (default: until unlocked)")
    Integer days;

    @Override
    public Object execute() throws Exception {
        Instant until = days == null ? null : clock.instant().plus(days, ChronoUnit.DAYS);
        Account a = callers.runAs(console.operator("account-lock"), () -> accounts.lock(id, String.join(" ", reason), until));
        System.out.println("Đã khoá / Locked: " + a.username() + (until == null ? "" : " until " + until));
        return null;
    }
}
