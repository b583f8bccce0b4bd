package org.sotay.identity.impl.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.time.Clock;
import java.time.Duration;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.health.HealthIndicator;
import org.sotay.core.api.health.HealthResult;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.identity.api.AccountKind;
import org.sotay.identity.api.Role;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.directory.MemberDirectory;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.MemberStatus;

/**
 * Demo accounts for the demo province (off unless {@code etc/org.sotay.identity.demo.cfg} exists,
 * as {@code ./run} writes it): once the registry holds members, creates an administrator at the
 * root, a secretary of one cell and the account of a member of that cell, each with a random
 * password written once to {@code data/sotay-demo-accounts.txt} (owner-readable only; the log
 * says where, never the passwords).
 */
@Component(service = HealthIndicator.class, immediate = true, configurationPid = DemoAccounts.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DemoAccounts.Config.class)
public class DemoAccounts implements HealthIndicator {
    static final String PID = "org.sotay.identity.demo";
    static final String ADMIN = "demo-admin";
    static final String SECRETARY = "demo-secretary";
    private static final Logger LOG = LoggerFactory.getLogger(DemoAccounts.class);

    @ObjectClassDefinition(id = PID, name = "Sotay demo accounts", description = "Accounts for trying the demo province")
    @interface Config {
        @AttributeDefinition(description = "Where the one-time passwords are written")
        String file() default "${karaf.data}/sotay-demo-accounts.txt";
    }

    private final JpaTemplate jpa;
    private final Settings settings;
    private final OrgTree tree;
    private final MemberService members;
    private final MemberDirectory directory;
    private final CallerContext callers;
    private final Journal journal;
    private final Bootstrap bootstrap;
    private final Clock clock;
    private final Path file;
    private final Scheduler.Handle retry;
    private volatile boolean done;
    private volatile String failure;

    @Activate
    public DemoAccounts(Config config, @Reference IdentitySchema schema, @Reference(target = "(osgi.unit.name=sotay-identity)") JpaTemplate jpa,
            @Reference Settings settings, @Reference OrgTree tree, @Reference MemberService members, @Reference MemberDirectory directory,
            @Reference CallerContext callers, @Reference Journal journal, @Reference Bootstrap bootstrap, @Reference Clock clock,
            @Reference Scheduler scheduler) {
        this.jpa = jpa;
        this.settings = settings;
        this.tree = tree;
        this.members = members;
        this.directory = directory;
        this.callers = callers;
        this.journal = journal;
        this.bootstrap = bootstrap;
        this.clock = clock;
        this.file = Path.of(config.file().replace("${karaf.data}", System.getProperty("karaf.data", "data")));
        this.retry = scheduler.schedule(Schedule.onEveryNode("identity.demo-accounts", Duration.ofSeconds(3)).after(Duration.ofSeconds(2)), c -> {
            try {
                if (tryCreate()) {
                    done = true;
                    c.stop();
                }
            } catch (IllegalArgumentException e) {
                LOG.error("Demo accounts not created", e);
                failure = e.getMessage();
                c.stop();
            } catch (Exception e) {
                // the database is busy (the demo province still loading holds its locks): try again shortly
                failure = "retrying: " + Bootstrap.firstLine(e);
                LOG.debug("Demo accounts not created yet: {}", e.toString());
            }
        });
    }

    @Override
    public String name() {
        return "identity-demo";
    }

    @Override
    public HealthResult check() {
        if (done) {
            return HealthResult.up(java.util.Map.of("accounts", file.toString()));
        }
        return HealthResult.down(failure == null ? "waiting for the demo province" : failure);
    }

    @Deactivate
    void stop() {
        retry.cancel();
    }

    private boolean tryCreate() throws Exception {
        if (jpa.txExpr(TransactionType.Required, em -> Store.byUsername(em, ADMIN) != null)) {
            return true; // made on an earlier start
        }
        List<String> roots = tree.roots();
        if (roots.isEmpty()) {
            return false;
        }
        String root = roots.get(0);
        Caller reader = new SystemCaller("demo-accounts", Set.of(root), Set.of("registry.read"));
        Page<Member> page = callers.runAs(reader, () -> members.search(new MemberQuery(null, null, MemberStatus.OFFICIAL, true, null, null),
                PageRequest.of(0, 1)));
        if (page.getItems().isEmpty()) {
            return false; // the demo province is still loading
        }
        Member member = page.getItems().get(0);
        String adminPassword = Secrets.password();
        String secretaryPassword = Secrets.password();
        String memberPassword = Secrets.password();
        bootstrap.createAdmin(ADMIN, "Quản trị viên demo", adminPassword, root, "demo", false);
        String cell = member.cellId();
        List<String> cellLineage = tree.lineage(cell);
        long now = clock.millis();
        LocalDate today = LocalDate.now(clock);
        callers.runAs(new AccountCaller("demo", "demo"), () -> {
            jpa.tx(TransactionType.Required, em -> {
                AccountEntity s = account(SECRETARY, AccountKind.STAFF, "Bí thư chi bộ demo", null, cell, cellLineage, secretaryPassword, now);
                em.persist(s);
                GrantEntity g = new GrantEntity();
                g.id = UUID.randomUUID().toString();
                g.accountId = s.id;
                g.role = Role.CELL_SECRETARY;
                g.unitId = cell;
                g.validFrom = today;
                g.grantedBy = "demo";
                g.grantedMs = now;
                em.persist(g);
                AccountEntity m = account(member.cardNumber(), AccountKind.MEMBER, member.fullName(), member.id(), cell, cellLineage,
                        memberPassword, now);
                em.persist(m);
                em.flush();
                Store.log(journal, em).audit("account.create-demo", "account", s.id, cell, cellLineage, "demo secretary and member accounts");
            });
            return null;
        });
        directory.accountRegistered(member.id(), today);
        String text = String.join("\n",
                "Sotay demo accounts (one-time passwords, shown once; change them after signing in)",
                "  administrator (whole province): " + ADMIN + " / " + adminPassword,
                "  cell secretary:                 " + SECRETARY + " / " + secretaryPassword,
                "  member " + member.fullName() + ": " + member.cardNumber() + " / " + memberPassword, "");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // Windows: the data folder's own permissions apply
        }
        LOG.info("Demo accounts created; their one-time passwords are in {}", file);
        return true;
    }

    private AccountEntity account(String username, AccountKind kind, String name, String memberId, String unit, List<String> lineage,
            String password, long now) {
        AccountEntity a = new AccountEntity();
        a.id = UUID.randomUUID().toString();
        a.username = username;
        a.kind = kind;
        a.displayName = name;
        a.nameKey = Store.nameKey(name);
        a.memberId = memberId;
        a.homeUnitId = unit;
        a.homeUnitPath = OrgTree.path(lineage);
        a.passwordHash = settings.hasher().hash(password);
        a.createdMs = now;
        a.updatedMs = now;
        return a;
    }
}
