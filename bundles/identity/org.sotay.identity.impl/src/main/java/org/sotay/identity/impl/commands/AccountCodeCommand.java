package org.sotay.identity.impl.commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.security.CallerContext;
import org.sotay.identity.api.AccountService;
import org.sotay.identity.api.ActivationCode;
import org.sotay.registry.api.directory.MemberDirectory;
import org.sotay.registry.api.directory.MemberRef;

/** {@code sotay:account-code <card number>}: issues an activation (or password reset) code to a member. */
@Service
@Command(scope = "sotay", name = "account-code", description = "Cấp mã kích hoạt / Issue an activation or reset code")
public class AccountCodeCommand implements Action {
    @Reference
    AccountService accounts;
    @Reference
    MemberDirectory directory;
    @Reference
    CallerContext callers;
    @Reference
    IdentityConsole console;

    @Argument(index = 0, name = "card", description = "The member's party card number", required = true)
    String card;

    @Override
    public Object execute() throws Exception {
        MemberRef m = directory.byCardNumber(card).orElse(null);
        if (m == null) {
            System.err.println("Không có đảng viên mang số thẻ này / No member holds this card number");
            return null;
        }
        ActivationCode code = callers.runAs(console.operator("account-code"), () -> accounts.issueCode(m.id()));
        System.out.printf("%s (%s): %s  %s, hết hạn / expires %s%n", m.fullName(), m.cardNumber(), code.code(), code.purpose(), code.expiresAt());
        return null;
    }
}
