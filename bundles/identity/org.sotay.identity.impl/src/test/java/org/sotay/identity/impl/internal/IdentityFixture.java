package org.sotay.identity.impl.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.testing.TestCallers;
import org.sotay.core.testing.TestConfig;
import org.sotay.core.testing.TestJpa;
import org.sotay.core.testing.TestPlatform;
import org.sotay.identity.api.AccountKind;
import org.sotay.identity.api.GrantDraft;
import org.sotay.identity.api.Login;
import org.sotay.identity.api.Registration;
import org.sotay.identity.api.Role;
import org.sotay.identity.api.StaffDraft;
import org.sotay.identity.api.TokenPair;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.directory.MemberDirectory;
import org.sotay.registry.api.directory.MemberRef;

/**
 * The identity services over the fast test harness: a real database with the identity migrations,
 * the real persistence unit, tokens signed and verified for real. The registry is a stand-in behind
 * its API ({@link MemberDirectory}, {@link OrgTree}): a province with district D, cell C in it, and
 * cell E in another district. Callers come from real sign-ins: a token, read back by the real
 * authenticator.
 */
final class IdentityFixture implements AutoCloseable {
    static final String PASSWORD = "mật khẩu thử nghiệm 1";
    static final String ROOT = "root";
    static final String DISTRICT = "district-d";
    static final String CELL = "cell-c";
    static final String OTHER_DISTRICT = "district-x";
    static final String OTHER_CELL = "cell-e";

    final TestPlatform p;
    final TestJpa jpa;
    final Settings settings;
    final Members members = new Members();
    final OrgTree tree = new Tree();
    final AccountServiceImpl accounts;
    final TokenServiceImpl tokens;
    final TokenAuthenticator authenticator;
    final Revocations revocations;

    IdentityFixture() {
        p = TestPlatform.start();
        p.migrate("identity", "db/migration/identity");
        p.tree(tree);
        jpa = p.jpa("sotay-identity");
        settings = new Settings();
        settings.configure(TestConfig.of(IdentityConfig.class, Map.of("passwordIterations", 10_000, "lockoutBaseSeconds", 1,
                "lockoutMaxSeconds", 2)));
        LoginThrottle throttle = new LoginThrottle(jpa, settings, p.systemClock());
        revocations = new Revocations(jpa, settings, p.systemClock());
        AuthorizationServiceImpl authz = new AuthorizationServiceImpl(tree, settings);
        Services services = new Services(jpa, settings, throttle, p.callers(), members, tree, authz, p.journal(), revocations, p.systemClock());
        accounts = new AccountServiceImpl(services);
        SigningKeys keys = new SigningKeys(jpa, settings, p.systemClock());
        tokens = new TokenServiceImpl(jpa, settings, keys, throttle, p.callers(), members, tree, revocations, p.journal(), p.systemClock());
        authenticator = new TokenAuthenticator(keys, settings, revocations, p.systemClock());
    }

    /** The administrator of the whole tree, as the console would make one: for setting the scene. */
    Caller root() {
        return TestCallers.caller("console", Map.of("*", Set.of(ROOT)));
    }

    IdentityFixture as(Caller c) {
        p.callers().as(c);
        return this;
    }

    /** A staff account at {@code unit} holding {@code role} there; returns its id. */
    String staff(String username, Role role, String unit) {
        Caller previous = p.callers().current();
        as(root());
        String id = accounts.create(new StaffDraft(username, username, AccountKind.STAFF, unit, PASSWORD)).account().id();
        if (role != null) {
            accounts.grant(id, new GrantDraft(role, unit, null, null));
        }
        as(previous);
        return id;
    }

    /** A member of {@code cell} who registered with a code; returns the account id. */
    String member(String card, String name, String cell) {
        MemberRef m = members.add(card, name, cell);
        Caller previous = p.callers().current();
        as(root());
        String code = accounts.issueCode(m.id()).code();
        as(Caller.ANONYMOUS);
        String id = accounts.register(new Registration(card, m.dateOfBirth(), code, PASSWORD)).id();
        as(previous);
        return id;
    }

    /** Signs in and returns the caller the token proves, as a request would have it. */
    Caller signIn(String username, String password) {
        TokenPair pair = tokens.login(new Login(username, password, null));
        return authenticator.authenticate("Bearer", pair.accessToken()).orElseThrow();
    }

    Caller signIn(String username) {
        return signIn(username, PASSWORD);
    }

    @Override
    public void close() {
        p.close();
    }

    /** The tree: root / district-d / cell-c, root / district-x / cell-e. */
    static final class Tree implements OrgTree {
        @Override
        public List<String> lineage(String unitId) {
            if (unitId == null) {
                return List.of();
            }
            return switch (unitId) {
            case ROOT -> List.of(ROOT);
            case DISTRICT -> List.of(ROOT, DISTRICT);
            case CELL -> List.of(ROOT, DISTRICT, CELL);
            case OTHER_DISTRICT -> List.of(ROOT, OTHER_DISTRICT);
            case OTHER_CELL -> List.of(ROOT, OTHER_DISTRICT, OTHER_CELL);
            default -> List.of();
            };
        }

        @Override
        public List<String> roots() {
            return List.of(ROOT);
        }
    }

    /** The registry's members as the identity module sees them. */
    static final class Members implements MemberDirectory {
        private final Map<String, MemberRef> byId = new ConcurrentHashMap<>();
        final List<String> registered = new ArrayList<>();

        MemberRef add(String card, String name, String cell) {
            MemberRef m = new MemberRef("m-" + card, card, name, LocalDate.of(1970, 5, 2), cell, MemberStatus.OFFICIAL, false, false);
            byId.put(m.id(), m);
            return m;
        }

        @Override
        public Optional<MemberRef> byCardNumber(String cardNumber) {
            return byId.values().stream().filter(m -> m.cardNumber().equals(cardNumber)).findFirst();
        }

        @Override
        public Optional<MemberRef> byId(String memberId) {
            return Optional.ofNullable(memberId == null ? null : byId.get(memberId));
        }

        @Override
        public void accountRegistered(String memberId, LocalDate on) {
            registered.add(memberId);
        }

        @Override
        public void appInstalled(String memberId, LocalDate on) {
        }
    }
}
