package org.sotay.registry.impl.commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.security.CallerContext;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;

/** {@code sotay:member-find <name or card>}: finds members, with or without diacritics. */
@Service
@Command(scope = "sotay", name = "member-find", description = "Tìm đảng viên / Find members by name or card number")
public class MemberFindCommand implements Action {
    @Reference
    MemberService members;
    @Reference
    CallerContext callers;
    @Reference
    RegistryRoots roots;

    @Argument(index = 0, name = "text", description = "A name (diacritics optional) or the start of a card number", required = true, multiValued = true)
    java.util.List<String> words;

    @Option(name = "-n", aliases = "--limit", description = "At most this many (default 20, max 200)")
    int limit = 20;

    @Override
    public Object execute() throws Exception {
        return callers.runAs(new OperatorCaller("member-find", roots.rootIds()), () -> {
            Page<Member> page = members.search(new MemberQuery(String.join(" ", words), null, null, null, null, null),
                    PageRequest.of(0, limit));
            for (Member m : page.getItems()) {
                System.out.printf("%-12s %-32s %s  %-12s %s%n", m.cardNumber(), m.fullName(), m.dateOfBirth(), m.status(), m.id());
            }
            System.out.printf("%d / %d%n", page.getItems().size(), page.getTotal());
            return null;
        });
    }
}
