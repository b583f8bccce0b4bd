package org.sotay.identity.impl.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.persistence.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.identity.api.AccountKind;
import org.sotay.identity.api.DeviceInfo;
import org.sotay.identity.api.IdentityEvents;
import org.sotay.identity.api.Login;
import org.sotay.identity.api.Role;
import org.sotay.identity.api.TokenPair;
import org.sotay.identity.api.TokenService;
import org.sotay.registry.api.directory.MemberDirectory;
import org.sotay.registry.api.directory.MemberRef;
import org.sotay.registry.api.MemberStatus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sign-in, refresh-token rotation with reuse detection, client credentials, logout. */
@Component(service = TokenService.class)
public class TokenServiceImpl implements TokenService {
    private static final Logger LOG = LoggerFactory.getLogger(TokenServiceImpl.class);
    static final ProblemType BAD_CREDENTIALS = ProblemType.of("identity.bad-credentials", 401,
            Text.of("Sai tên đăng nhập hoặc mật khẩu", "Wrong account name or password"));
    static final ProblemType BAD_REFRESH = ProblemType.of("identity.bad-refresh-token", 401,
            Text.of("Phiên đăng nhập đã hết hạn hoặc bị thu hồi", "The session has ended or was revoked"));
    static final ProblemType ACCOUNT_LOCKED = ProblemType.of("identity.account-locked", 403,
            Text.of("Tài khoản đang bị khoá", "The account is locked"));

    private final JpaTemplate jpa;
    private final Settings settings;
    private final SigningKeys keys;
    private final LoginThrottle throttle;
    private final CallerContext callers;
    private final MemberDirectory directory;
    private final OrgTree tree;
    private final Revocations revocations;
    private final Journal journal;
    private final Clock clock;

    @Activate
    public TokenServiceImpl(@Reference IdentitySchema schema, @Reference(target = "(osgi.unit.name=sotay-identity)") JpaTemplate jpa,
            @Reference Settings settings, @Reference SigningKeys keys, @Reference LoginThrottle throttle, @Reference CallerContext callers,
            @Reference MemberDirectory directory, @Reference OrgTree tree, @Reference Revocations revocations, @Reference Journal journal,
            @Reference Clock clock) {
        this(jpa, settings, keys, throttle, callers, directory, tree, revocations, journal, clock);
    }

    /** Outside OSGi (tests). */
    TokenServiceImpl(JpaTemplate jpa, Settings settings, SigningKeys keys, LoginThrottle throttle, CallerContext callers,
            MemberDirectory directory, OrgTree tree, Revocations revocations, Journal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
        this.revocations = revocations;
        this.jpa = jpa;
        this.settings = settings;
        this.keys = keys;
        this.throttle = throttle;
        this.callers = callers;
        this.directory = directory;
        this.tree = tree;
    }

    private record Session(AccountEntity account, List<GrantEntity> grants, String familyId, String refreshToken) {
    }

    @Override
    public TokenPair login(Login login) {
        Login l = login == null ? new Login(null, null, null) : login;
        new Validation().required("username", Validation.clean(l.username())).required("password", l.password())
                .maxLength("username", l.username(), 100).maxLength("password", l.password(), 200).throwIfInvalid();
        DeviceInfo device = cleanDevice(l.device());
        String address = callers.client().address();
        throttle.checkAddress(address);
        String username = Usernames.normalise(l.username());
        String key = "login:" + username;
        throttle.attempt(key);

        AccountEntity account = jpa.txExpr(TransactionType.Required, em -> Store.byUsername(em, username));
        PasswordHasher hasher = settings.hasher();
        boolean ok;
        if (account == null || account.kind == AccountKind.CLIENT) {
            hasher.verifyDummy(l.password());
            ok = false;
        } else {
            ok = hasher.verify(l.password(), account.passwordHash);
        }
        if (!ok) {
            throttle.addressFailure(address);
            LOG.info("Failed sign-in for a name hashed {} from {}", Secrets.sha256(key).substring(0, 12), address);
            throw new SotayException(BAD_CREDENTIALS, null);
        }
        throttle.success(key);
        long now = clock.millis();
        if (account.lockedAt(now)) {
            throw new SotayException(ACCOUNT_LOCKED, account.lockedUntilMs == null ? null : Text.of(
                    "Tài khoản bị khoá đến " + java.time.Instant.ofEpochMilli(account.lockedUntilMs) + ".",
                    "The account is locked until " + java.time.Instant.ofEpochMilli(account.lockedUntilMs) + "."));
        }
        MemberRef member = null;
        if (account.kind == AccountKind.MEMBER) {
            member = directory.byId(account.memberId).orElse(null);
            if (!active(member)) {
                throw new SotayException(ACCOUNT_LOCKED, Text.of("Đảng viên không còn sinh hoạt; tài khoản không dùng được.",
                        "The member is no longer active; the account cannot be used."));
            }
        }
        MemberRef m = member;
        List<String> lineage = m == null ? null : tree.lineage(m.cellId());
        boolean rehash = hasher.needsRehash(account.passwordHash);
        String newHash = rehash ? hasher.hash(l.password()) : null;
        Session s = jpa.txExpr(TransactionType.Required, em -> {
            AccountEntity a = em.find(AccountEntity.class, account.id);
            a.lastLoginMs = now;
            if (newHash != null) {
                a.passwordHash = newHash;
            }
            if (m != null && !m.cellId().equals(a.homeUnitId) && lineage != null && !lineage.isEmpty()) {
                a.homeUnitId = m.cellId();
                a.homeUnitPath = OrgTree.path(lineage);
            }
            String deviceId = device == null ? null : seeDevice(em, a.id, device, now);
            if (device != null) {
                Store.event(Store.log(journal, em), IdentityEvents.DEVICE_SEEN, a.id, a.memberId);
            }
            String family = UUID.randomUUID().toString();
            String refresh = newRefresh(em, a.id, family, deviceId, now);
            return new Session(a, Store.grants(em, a.id), family, refresh);
        });
        if (m != null && (!m.accountRegistered() || (device != null && !m.appInstalled()))) {
            LocalDate today = LocalDate.now(clock);
            try {
                // a sign-in is anonymous until it succeeds: the registry's audit line names the account
                callers.runAs(new AccountCaller(s.account.id, s.account.displayName), () -> {
                    if (!m.accountRegistered()) {
                        directory.accountRegistered(m.id(), today);
                    }
                    if (device != null && !m.appInstalled()) {
                        directory.appInstalled(m.id(), today);
                    }
                    return null;
                });
            } catch (Exception e) {
                // the session exists: sign the member in and set the flags at the next sign-in
                LOG.warn("Signed in account {}, but the registry was not told yet: {}", s.account.id, e.toString());
            }
        }
        return pair(s.account, s.grants, m, s.familyId, s.refreshToken);
    }

    @Override
    public TokenPair refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 200) {
            throw new SotayException(BAD_REFRESH, null);
        }
        String hash = Secrets.sha256(refreshToken.strip());
        long now = clock.millis();
        long lifetime = settings.config().refreshTokenDays() * 86_400_000L;
        Object outcome = jpa.txExpr(TransactionType.Required, em -> {
            List<RefreshTokenEntity> found = em.createQuery("SELECT r FROM RefreshTokenEntity r WHERE r.tokenHash = :h",
                    RefreshTokenEntity.class).setParameter("h", hash).getResultList();
            if (found.isEmpty()) {
                return "unknown";
            }
            RefreshTokenEntity r = found.get(0);
            if (r.revokedMs != null || r.expiresMs <= now) {
                return "ended";
            }
            int spent = em.createQuery("UPDATE RefreshTokenEntity r SET r.usedMs = :now WHERE r.id = :id AND r.usedMs IS NULL")
                    .setParameter("now", now).setParameter("id", r.id).executeUpdate();
            if (spent == 0) {
                // shown a second time: whoever holds the family may be a thief; end it for everyone
                Store.revokeFamily(em, revocations, r.familyId, r.accountId, now);
                return "reuse:" + r.accountId;
            }
            AccountEntity a = em.find(AccountEntity.class, r.accountId);
            if (a == null || a.lockedAt(now)) {
                Store.revokeFamily(em, revocations, r.familyId, r.accountId, now);
                return "locked";
            }
            String next = Secrets.token();
            RefreshTokenEntity n = new RefreshTokenEntity();
            n.id = UUID.randomUUID().toString();
            n.familyId = r.familyId;
            n.accountId = a.id;
            n.tokenHash = Secrets.sha256(next);
            n.deviceId = r.deviceId;
            n.createdMs = now;
            n.expiresMs = now + lifetime;
            em.persist(n);
            return new Session(a, Store.grants(em, a.id), r.familyId, next);
        });
        if (outcome instanceof Session s) {
            MemberRef m = s.account.kind == AccountKind.MEMBER ? directory.byId(s.account.memberId).orElse(null) : null;
            if (s.account.kind == AccountKind.MEMBER && !active(m)) {
                // left, expelled or deceased since the sign-in: the session ends here
                jpa.tx(TransactionType.Required, em -> Store.revokeFamily(em, revocations, s.familyId, s.account.id,
                        clock.millis()));
                throw new SotayException(BAD_REFRESH, null);
            }
            return pair(s.account, s.grants, m, s.familyId, s.refreshToken);
        }
        if (outcome.toString().startsWith("reuse:")) {
            LOG.warn("A spent refresh token of account {} was presented again: its session family is revoked", outcome.toString().substring(6));
        }
        throw new SotayException(BAD_REFRESH, null);
    }

    @Override
    public TokenPair clientCredentials(String clientId, String clientSecret) {
        new Validation().required("client_id", Validation.clean(clientId)).required("client_secret", clientSecret)
                .maxLength("client_id", clientId, 100).maxLength("client_secret", clientSecret, 200).throwIfInvalid();
        String address = callers.client().address();
        throttle.checkAddress(address);
        String username = Usernames.normalise(clientId);
        String key = "client:" + username;
        throttle.attempt(key);
        AccountEntity account = jpa.txExpr(TransactionType.Required, em -> Store.byUsername(em, username));
        boolean ok = account != null && account.kind == AccountKind.CLIENT && settings.hasher().verify(clientSecret, account.passwordHash);
        if (account == null || account.kind != AccountKind.CLIENT) {
            settings.hasher().verifyDummy(clientSecret);
        }
        if (!ok) {
            throttle.addressFailure(address);
            throw new SotayException(BAD_CREDENTIALS, null);
        }
        throttle.success(key);
        if (account.lockedAt(clock.millis())) {
            throw new SotayException(ACCOUNT_LOCKED, null);
        }
        List<GrantEntity> grants = jpa.txExpr(TransactionType.Required, em -> Store.grants(em, account.id));
        return pair(account, grants, null, null, null);
    }

    @Override
    public void logout(String refreshToken) {
        Caller caller = callers.current();
        if (refreshToken == null || refreshToken.isBlank()) {
            throw SotayException.invalid(List.of(new org.sotay.core.api.FieldError("refreshToken", "required",
                    Text.of("Cần mã làm mới của phiên.", "The session's refresh token is required."))));
        }
        String hash = Secrets.sha256(refreshToken.strip());
        long now = clock.millis();
        jpa.tx(TransactionType.Required, em -> {
            List<RefreshTokenEntity> found = em.createQuery("SELECT r FROM RefreshTokenEntity r WHERE r.tokenHash = :h",
                    RefreshTokenEntity.class).setParameter("h", hash).getResultList();
            // someone else's token, or an unknown one: nothing to do, and nothing to tell
            if (!found.isEmpty() && found.get(0).accountId.equals(caller.subject())) {
                Store.revokeFamily(em, revocations, found.get(0).familyId, caller.subject(), now);
            }
        });
    }

    @Override
    public Map<String, Object> jwks() {
        return keys.jwks();
    }

    static boolean active(MemberRef m) {
        return m != null && m.status() != MemberStatus.LEFT && m.status() != MemberStatus.EXPELLED && m.status() != MemberStatus.DECEASED;
    }

    /** Signs the access token: the grants active today (members also hold MEMBER at their cell), each with its last day. */
    private TokenPair pair(AccountEntity a, List<GrantEntity> grants, MemberRef member, String familyId, String refreshToken) {
        IdentityConfig c = settings.config();
        long millis = clock.millis();
        long now = millis / 1000;
        LocalDate today = LocalDate.now(clock);
        ObjectNode claims = Jwt.claims();
        claims.put("iss", c.issuer()).put("aud", c.issuer()).put("sub", a.id).put("name", a.displayName).put("kind", a.kind.name())
                .put("iat", now).put("nbf", now).put("exp", now + c.accessTokenSeconds()).put("jti", UUID.randomUUID().toString())
                // the issue time in milliseconds: "every token issued before this lock" must not catch one issued just after it
                .put("ims", millis);
        if (a.memberId != null) {
            claims.put("mid", a.memberId);
        }
        if (familyId != null) {
            claims.put("sid", familyId);
        }
        if (a.passwordChangeRequired) {
            // a one-time password: the token proves who, and allows nothing but changing it (GET /auth/me, POST /auth/me/password)
            claims.put("pcr", true);
        }
        ArrayNode g = claims.putArray("grants");
        List<GrantEntity> active = new ArrayList<>();
        for (GrantEntity e : grants) {
            if (e.activeOn(today)) {
                active.add(e);
            }
        }
        if (member != null) {
            g.addObject().put("r", Role.MEMBER.name()).put("u", member.cellId());
        }
        for (GrantEntity e : active) {
            ObjectNode o = g.addObject().put("r", e.role.name()).put("u", e.unitId);
            if (e.validTo != null) {
                o.put("to", e.validTo.toString());
            }
        }
        String token = Jwt.sign(keys.kid(), keys.privateKey(), claims);
        return new TokenPair(token, refreshToken, c.accessTokenSeconds(), TokenPair.BEARER);
    }

    private String newRefresh(EntityManager em, String accountId, String family, String deviceId, long now) {
        String token = Secrets.token();
        RefreshTokenEntity r = new RefreshTokenEntity();
        r.id = UUID.randomUUID().toString();
        r.familyId = family;
        r.accountId = accountId;
        r.tokenHash = Secrets.sha256(token);
        r.deviceId = deviceId;
        r.createdMs = now;
        r.expiresMs = now + settings.config().refreshTokenDays() * 86_400_000L;
        em.persist(r);
        return token;
    }

    /** Records the installation the account signs in from; returns its device id. */
    static String seeDevice(EntityManager em, String accountId, DeviceInfo d, long now) {
        List<DeviceEntity> found = em.createQuery("SELECT d FROM DeviceEntity d WHERE d.accountId = :a AND d.installationId = :i",
                DeviceEntity.class).setParameter("a", accountId).setParameter("i", d.installationId()).getResultList();
        DeviceEntity e;
        if (found.isEmpty()) {
            e = new DeviceEntity();
            e.id = UUID.randomUUID().toString();
            e.accountId = accountId;
            e.installationId = d.installationId();
            e.firstSeenMs = now;
            em.persist(e);
        } else {
            e = found.get(0);
        }
        e.platform = d.platform();
        e.appVersion = d.appVersion();
        e.lastSeenMs = now;
        return e.id;
    }

    private static DeviceInfo cleanDevice(DeviceInfo d) {
        if (d == null) {
            return null;
        }
        String id = Validation.clean(d.installationId());
        String platform = Validation.clean(d.platform());
        String version = Validation.clean(d.appVersion());
        Validation v = new Validation();
        v.required("device.installationId", id).text("device.installationId", id, 100);
        v.required("device.platform", platform).text("device.platform", platform, 20);
        v.text("device.appVersion", version, 40);
        v.throwIfInvalid();
        return new DeviceInfo(id, platform.toLowerCase(java.util.Locale.ROOT), version);
    }
}
