package org.sotay.identity.impl.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.time.Clock;
import java.time.Duration;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.jobs.Schedule;
import org.sotay.core.api.jobs.Scheduler;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.health.HealthIndicator;
import org.sotay.core.api.health.HealthResult;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.identity.api.AccountKind;
import org.sotay.identity.api.Role;

/**
 * Creates the first provincial administrator from {@code bootstrapAdminUser}/{@code bootstrapAdminPassword}
 * (or {@code SOTAY_BOOTSTRAP_ADMIN_USER}/{@code SOTAY_BOOTSTRAP_ADMIN_PASSWORD}), only while no
 * administrator exists, at the root of the tree. Until the registry has a root unit it checks again
 * every few seconds. Also the home of {@link #createAdmin} for the shell command.
 */
@Component(service = { Bootstrap.class, HealthIndicator.class }, immediate = true)
public class Bootstrap implements HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

    private final JpaTemplate jpa;
    private final Settings settings;
    private final OrgTree tree;
    private final Journal journal;
    private final CallerContext callers;
    private final Clock clock;
    /** What the bootstrap did, for the health endpoint (never the account name or password). */
    private volatile String state = "not configured";
    private final Scheduler.Handle retry;

    @Activate
    public Bootstrap(@Reference IdentitySchema schema, @Reference(target = "(osgi.unit.name=sotay-identity)") JpaTemplate jpa,
            @Reference Settings settings, @Reference OrgTree tree, @Reference Journal journal, @Reference CallerContext callers,
            @Reference Clock clock, @Reference Scheduler scheduler) {
        this.jpa = jpa;
        this.settings = settings;
        this.tree = tree;
        this.journal = journal;
        this.callers = callers;
        this.clock = clock;
        String user = value(settings.config().bootstrapAdminUser(), "SOTAY_BOOTSTRAP_ADMIN_USER");
        String password = raw(settings.config().bootstrapAdminPassword(), "SOTAY_BOOTSTRAP_ADMIN_PASSWORD");
        if (user != null && password != null && scheduler != null) {
            state = "pending";
            retry = scheduler.schedule(Schedule.onEveryNode("identity.bootstrap", Duration.ofSeconds(5)), c -> {
                try {
                    if (tryBootstrap(user, password)) {
                        c.stop();
                    }
                } catch (IllegalArgumentException e) {
                    // the settings themselves are wrong: trying again cannot help
                    LOG.error("Bootstrap administrator not created: {}", e.getMessage());
                    state = "failed: " + e.getMessage();
                    c.stop();
                } catch (RuntimeException e) {
                    // the database is busy or away (a demo province loading holds its locks): try again
                    String reason = firstLine(e);
                    if (!state.startsWith("retrying")) {
                        LOG.warn("Bootstrap administrator not created yet, retrying every 5 s: {}", reason);
                    }
                    state = "retrying: " + reason;
                }
            });
        } else {
            retry = null;
        }
        if ((user == null) != (password == null)) {
            LOG.warn("Set both SOTAY_BOOTSTRAP_ADMIN_USER and SOTAY_BOOTSTRAP_ADMIN_PASSWORD (or neither)");
            state = "incomplete: set both the user and the password";
        }
    }

    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    @Override
    public String name() {
        return "identity-bootstrap";
    }

    /** Always UP (a deployment without a bootstrap is normal); the details say what happened. */
    @Override
    public HealthResult check() {
        return HealthResult.up(java.util.Map.of("state", state));
    }

    @Deactivate
    void stop() {
        if (retry != null) {
            retry.cancel();
        }
    }

    private static String value(String configured, String env) {
        String v = raw(configured, env);
        return v == null ? null : v.strip();
    }

    /** A password as given: spaces at either end are part of it. */
    private static String raw(String configured, String env) {
        String v = configured == null || configured.isBlank() ? System.getenv(env) : configured;
        return v == null || v.isBlank() ? null : v;
    }

    /** Done (an administrator exists, made now or before) or not yet possible (no root unit). */
    private boolean tryBootstrap(String user, String password) {
        LocalDate today = LocalDate.now(clock);
        if (jpa.txExpr(TransactionType.Required, em -> Store.adminExists(em, today))) {
            LOG.info("An administrator exists: the bootstrap administrator settings are ignored");
            state = "ignored: an administrator exists";
            return true;
        }
        List<String> roots = tree.roots();
        if (roots.isEmpty()) {
            if (!state.startsWith("waiting")) {
                LOG.info("Bootstrap administrator waits for the organization tree's root unit (sotay:org-root-create)");
            }
            state = "waiting for the organization tree's root unit (sotay:org-root-create)";
            return false;
        }
        String name = Usernames.normalise(user);
        if (!Usernames.STAFF.matcher(name).matches()) {
            throw new IllegalArgumentException("the account name '" + user + "' is not 3-64 characters a-z, 0-9, '.', '_', '-'");
        }
        try {
            createAdmin(name, "Quản trị viên (" + name + ")", password, roots.get(0), "bootstrap", false);
        } catch (RuntimeException e) {
            if (jpa.txExpr(TransactionType.Required, em -> Store.adminExists(em, today))) {
                // another node bootstrapped at the same moment
                state = "ignored: an administrator exists";
                return true;
            }
            throw e;
        }
        LOG.info("Bootstrap administrator '{}' created at the root unit", name);
        state = "created";
        return true;
    }

    /** Creates {@code username} as a provincial administrator at {@code rootId}, recorded as done by {@code by}. */
    boolean createAdmin(String username, String displayName, String password, String rootId, String by, boolean mustChange) {
        List<String> lineage = tree.lineage(rootId);
        if (lineage.isEmpty()) {
            throw new IllegalArgumentException("there is no unit " + rootId);
        }
        PasswordPolicy.require(password, username, settings.config().minPasswordLength());
        String hash = settings.hasher().hash(password);
        long now = clock.millis();
        LocalDate today = LocalDate.now(clock);
        try {
            return callers.runAs(new AccountCaller(by, by), () -> jpa.txExpr(TransactionType.Required, em -> {
                if (Store.byUsername(em, username) != null) {
                    throw new IllegalArgumentException("an account named " + username + " exists already");
                }
                AccountEntity a = new AccountEntity();
                a.id = UUID.randomUUID().toString();
                a.username = username;
                a.kind = AccountKind.STAFF;
                a.displayName = displayName;
                a.nameKey = Store.nameKey(displayName);
                a.homeUnitId = rootId;
                a.homeUnitPath = OrgTree.path(lineage);
                a.passwordHash = hash;
                a.passwordChangeRequired = mustChange;
                a.createdMs = now;
                a.updatedMs = now;
                em.persist(a);
                GrantEntity g = new GrantEntity();
                g.id = UUID.randomUUID().toString();
                g.accountId = a.id;
                g.role = Role.PROVINCIAL_ADMIN;
                g.unitId = rootId;
                g.validFrom = today;
                g.grantedBy = by;
                g.grantedMs = now;
                em.persist(g);
                em.flush();
                Store.log(journal, em).audit("account.create-admin", "account", a.id, rootId, lineage, "administrator " + username + " created by " + by);
                return true;
            }));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
