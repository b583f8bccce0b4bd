package org.sotay.identity.impl.commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.security.CallerContext;
import org.sotay.identity.api.Account;
import org.sotay.identity.api.AccountQuery;
import org.sotay.identity.api.AccountService;
import org.sotay.identity.api.Grant;

/** {@code sotay:account-list [text]}: accounts, by name, with their grants. */
@Service
@Command(scope = "sotay", name = "account-list", description = "Liệt kê tài khoản / List accounts")
public class AccountListCommand implements Action {
    @Reference
    AccountService accounts;
    @Reference
    CallerContext callers;
    @Reference
    IdentityConsole console;

    @Argument(index = 0, name = "text", description = "Part of the account name or person's name (diacritics optional)")
    String text;

    @Option(name = "-u", aliases = "--unit", description = "Only accounts under this unit id")
    String unit;

    @Option(name = "-n", aliases = "--limit", description = "At most this many (default 50, max 200)")
    int limit = 50;

    @Override
    public Object execute() throws Exception {
        return callers.runAs(console.operator("account-list"), () -> {
            Page<Account> page = accounts.find(new AccountQuery(unit, text, null, null), PageRequest.of(0, limit));
            for (Account a : page.getItems()) {
                StringBuilder grants = new StringBuilder();
                for (Grant g : a.grants()) {
                    grants.append(' ').append(g.role()).append('@').append(g.unitId()).append(g.validTo() == null ? "" : "..." + g.validTo());
                }
                System.out.printf("%-20s %-7s %-30s %s%s%s%n", a.username(), a.kind(), a.displayName(), a.locked() ? "LOCKED " : "", a.id(), grants);
            }
            System.out.printf("%d / %d%n", page.getItems().size(), page.getTotal());
            return null;
        });
    }
}
