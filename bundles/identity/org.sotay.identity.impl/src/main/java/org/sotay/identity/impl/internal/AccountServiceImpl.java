package org.sotay.identity.impl.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.events.EventOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.audit.AuditTrail;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.identity.api.Account;
import org.sotay.identity.api.AccountKind;
import org.sotay.identity.api.AccountQuery;
import org.sotay.identity.api.AccountService;
import org.sotay.identity.api.ActivationCode;
import org.sotay.identity.api.AuthorizationService;
import org.sotay.identity.api.CreatedAccount;
import org.sotay.identity.api.Device;
import org.sotay.identity.api.GrantDraft;
import org.sotay.identity.api.IdentityEvents;
import org.sotay.identity.api.IdentityPermissions;
import org.sotay.identity.api.Registration;
import org.sotay.identity.api.Role;
import org.sotay.identity.api.StaffDraft;
import org.sotay.registry.api.MemberDirectory;
import org.sotay.registry.api.MemberRef;
import org.sotay.registry.api.MemberStatus;

/** Accounts over IDN_ACCOUNT and friends; every staff operation is limited to the caller's subtrees. */
@Component(service = { AccountService.class, AccountServiceImpl.class })
public class AccountServiceImpl implements AccountService {
    private static final Logger LOG = LoggerFactory.getLogger(AccountServiceImpl.class);
    static final ProblemType REGISTRATION_FAILED = ProblemType.of("identity.registration-failed", 400,
            Text.of("Thông tin đăng ký không khớp", "The registration details do not match"));
    static final ProblemType USERNAME_TAKEN = ProblemType.of("identity.username-taken", 409,
            Text.of("Tên đăng nhập đã có người dùng", "The account name is taken"));
    private static final String READ_REGISTRY = "registry.read";

    private final JpaTemplate jpa;
    private final Settings settings;
    private final LoginThrottle throttle;
    private final CallerContext callers;
    private final MemberDirectory directory;
    private final OrgTree tree;
    private final AuthorizationService authz;
    private final AuditTrail audit;
    private final Revocations revocations;

    @Reference
    private EventOutbox outbox;

    @Activate
    public AccountServiceImpl(@Reference IdentitySchema schema, @Reference(target = "(osgi.unit.name=sotay-identity)") JpaTemplate jpa,
            @Reference Settings settings, @Reference LoginThrottle throttle, @Reference CallerContext callers,
            @Reference MemberDirectory directory, @Reference OrgTree tree, @Reference AuthorizationService authz,
            @Reference AuditTrail audit, @Reference Revocations revocations) {
        this.revocations = revocations;
        this.jpa = jpa;
        this.settings = settings;
        this.throttle = throttle;
        this.callers = callers;
        this.directory = directory;
        this.tree = tree;
        this.authz = authz;
        this.audit = audit;
    }

    // ---- members: registration, reset, self-service ----

    @Override
    public Account register(Registration r) {
        Registration reg = checkRegistration(r, "password");
        String card = Usernames.normalise(reg.cardNumber());
        String key = "code:" + card;
        throttle.attempt(key);
        MemberRef member = directory.byCardNumber(card).orElse(null);
        long now = System.currentTimeMillis();
        List<String> lineage = member == null ? List.of() : tree.lineage(member.cellId());
        String hash = settings.hasher().hash(reg.password());
        Account created = jpa.txExpr(TransactionType.Required, em -> {
            CodeEntity code = matchingCode(em, reg, member, ActivationCode.Purpose.REGISTER, now);
            if (code == null || lineage.isEmpty() || Store.byMember(em, member.id()) != null || Store.byUsername(em, card) != null) {
                return null;
            }
            code.usedMs = now;
            AccountEntity a = new AccountEntity();
            a.id = UUID.randomUUID().toString();
            a.username = card;
            a.kind = AccountKind.MEMBER;
            a.displayName = member.fullName();
            a.nameKey = VietnameseText.fold(member.fullName());
            a.memberId = member.id();
            a.homeUnitId = member.cellId();
            a.homeUnitPath = OrgTree.path(lineage);
            a.passwordHash = hash;
            a.createdMs = now;
            a.updatedMs = now;
            em.persist(a);
            em.flush();
            Store.event(outbox, em, IdentityEvents.ACCOUNT_REGISTERED, a.id, a.memberId);
            asAccount(a.id, a.displayName,
                    () -> Store.audit(audit, em, "account.register", "account", a.id, a.homeUnitId, lineage, "member " + card + " registered"));
            return Store.toDto(em, a);
        });
        if (created == null) {
            throw new SotayException(REGISTRATION_FAILED, Text.of(
                    "Số thẻ, ngày sinh hoặc mã kích hoạt không đúng, hoặc mã đã dùng hay hết hạn. Hãy hỏi bí thư chi bộ.",
                    "The card number, date of birth or activation code is wrong, or the code was used or has expired. Ask your cell secretary."));
        }
        throttle.success(key);
        try {
            asAccount(created.id(), created.displayName(), () -> directory.accountRegistered(member.id(), LocalDate.now(TokenCaller.VIETNAM)));
        } catch (RuntimeException e) {
            // the account exists and the code is spent: answer 201, not 500; the flag is set at the member's first sign-in
            LOG.warn("Account {} registered, but the registry was not told yet (it will be at sign-in): {}", created.id(), e.toString());
        }
        return created;
    }

    @Override
    public void resetPassword(Registration r) {
        Registration reg = checkRegistration(r, "password");
        String card = Usernames.normalise(reg.cardNumber());
        String key = "code:" + card;
        throttle.attempt(key);
        MemberRef member = directory.byCardNumber(card).orElse(null);
        long now = System.currentTimeMillis();
        String hash = settings.hasher().hash(reg.password());
        String username = jpa.txExpr(TransactionType.Required, em -> {
            CodeEntity code = matchingCode(em, reg, member, ActivationCode.Purpose.RESET, now);
            AccountEntity a = code == null ? null : Store.byMember(em, member.id());
            if (a == null) {
                return null;
            }
            code.usedMs = now;
            a.passwordHash = hash;
            a.passwordChangeRequired = false;
            a.updatedMs = now;
            Store.revokeSessions(em, revocations, a.id, null, now);
            revocations.account(em, a.id, now);
            asAccount(a.id, a.displayName,
                    () -> Store.audit(audit, em, "account.password-reset", "account", a.id, a.homeUnitId, null, "password reset with a code"));
            return a.username;
        });
        if (username == null) {
            throw new SotayException(REGISTRATION_FAILED, Text.of(
                    "Số thẻ, ngày sinh hoặc mã không đúng, hoặc mã đã dùng hay hết hạn. Hãy hỏi bí thư chi bộ.",
                    "The card number, date of birth or code is wrong, or the code was used or has expired. Ask your cell secretary."));
        }
        throttle.success(key);
        throttle.success("login:" + username);
    }

    /** Runs {@code work} as the account itself (a public endpoint's caller is anonymous): audit lines name it. */
    private void asAccount(String id, String name, Runnable work) {
        try {
            callers.runAs(new AccountCaller(id, name), () -> {
                work.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unused, unexpired code of {@code purpose} that matches the member and birth date, or {@code null}. */
    private static CodeEntity matchingCode(EntityManager em, Registration reg, MemberRef member, ActivationCode.Purpose purpose, long now) {
        String codeHash = Secrets.sha256(Secrets.normaliseCode(reg.activationCode()));
        List<CodeEntity> codes = em.createQuery("SELECT c FROM CodeEntity c WHERE c.codeHash = :h", CodeEntity.class)
                .setParameter("h", codeHash).getResultList();
        if (member == null || codes.isEmpty() || !member.dateOfBirth().equals(reg.dateOfBirth())) {
            return null;
        }
        CodeEntity c = codes.get(0);
        boolean active = member.status() != MemberStatus.LEFT && member.status() != MemberStatus.EXPELLED
                && member.status() != MemberStatus.DECEASED;
        if (!c.memberId.equals(member.id()) || c.purpose != purpose || c.usedMs != null || c.expiresMs <= now || !active) {
            return null;
        }
        return c;
    }

    private Registration checkRegistration(Registration r, String passwordField) {
        Registration reg = r == null ? new Registration(null, null, null, null) : r;
        Validation v = new Validation();
        v.required("cardNumber", Validation.clean(reg.cardNumber())).maxLength("cardNumber", reg.cardNumber(), 40);
        v.required("dateOfBirth", reg.dateOfBirth());
        v.required("activationCode", Validation.clean(reg.activationCode())).maxLength("activationCode", reg.activationCode(), 40);
        passwordRules(v, passwordField, reg.password(), reg.cardNumber());
        v.throwIfInvalid();
        return reg;
    }

    private void passwordRules(Validation v, String field, String password, String username) {
        int min = settings.config().minPasswordLength();
        v.required(field, password);
        if (password != null) {
            v.check(password.codePointCount(0, password.length()) >= min, field, "too-short",
                    Text.of("Mật khẩu cần ít nhất " + min + " ký tự.", "A password needs at least " + min + " characters."));
            v.maxLength(field, password, 200);
            v.check(password.chars().distinct().count() > 2, field, "too-simple",
                    Text.of("Mật khẩu quá đơn giản.", "The password is too simple."));
            String u = Usernames.normalise(username);
            v.check(u.isEmpty() || !password.toLowerCase(java.util.Locale.ROOT).contains(u), field, "contains-username",
                    Text.of("Mật khẩu không được chứa tên đăng nhập hay số thẻ.", "The password must not contain the account name or card number."));
        }
    }

    @Override
    public ActivationCode issueCode(String memberId) {
        Caller caller = callers.current();
        new Validation().required("memberId", Validation.clean(memberId)).throwIfInvalid();
        MemberRef member = directory.byId(memberId.strip()).orElse(null);
        if (member == null) {
            throw SotayException.notFound(Text.of("Không có đảng viên này trong phạm vi của bạn.", "There is no such member within your scope."));
        }
        authz.require(caller, IdentityPermissions.CODE_ISSUE, member.cellId(), READ_REGISTRY);
        if (member.status() == MemberStatus.LEFT || member.status() == MemberStatus.EXPELLED || member.status() == MemberStatus.DECEASED) {
            throw SotayException.conflict(Text.of("Đảng viên không còn sinh hoạt.", "The member is no longer active."));
        }
        long now = System.currentTimeMillis();
        long expires = now + settings.config().codeValidityHours() * 3_600_000L;
        String code = Secrets.activationCode();
        ActivationCode.Purpose purpose = jpa.txExpr(TransactionType.Required, em -> {
            ActivationCode.Purpose p = Store.byMember(em, member.id()) == null ? ActivationCode.Purpose.REGISTER : ActivationCode.Purpose.RESET;
            // a new code replaces any earlier one the member has not used
            em.createQuery("UPDATE CodeEntity c SET c.expiresMs = :now WHERE c.memberId = :m AND c.usedMs IS NULL AND c.expiresMs > :now")
                    .setParameter("now", now).setParameter("m", member.id()).executeUpdate();
            CodeEntity c = new CodeEntity();
            c.id = UUID.randomUUID().toString();
            c.memberId = member.id();
            c.codeHash = Secrets.sha256(Secrets.normaliseCode(code));
            c.purpose = p;
            c.issuedBy = caller.subject();
            c.issuedMs = now;
            c.expiresMs = expires;
            em.persist(c);
            Store.audit(audit, em, "code.issue", "member", member.id(), member.cellId(), null, p + " code for card " + member.cardNumber()
                    + ", valid until " + Instant.ofEpochMilli(expires));
            return p;
        });
        return new ActivationCode(code, member.id(), purpose, Instant.ofEpochMilli(expires));
    }

    @Override
    public Account me() {
        Caller caller = callers.current();
        return jpa.txExpr(TransactionType.Required, em -> {
            AccountEntity a = em.find(AccountEntity.class, caller.subject());
            if (a == null) {
                throw SotayException.notFound(Text.of("Người gọi không có tài khoản Sổ tay.", "The caller has no Sotay account."));
            }
            return Store.toDto(em, a);
        });
    }

    @Override
    public void changePassword(String currentPassword, String newPassword) {
        Caller caller = callers.current();
        AccountEntity a = jpa.txExpr(TransactionType.Required, em -> em.find(AccountEntity.class, caller.subject()));
        if (a == null) {
            throw SotayException.notFound(Text.of("Người gọi không có tài khoản Sổ tay.", "The caller has no Sotay account."));
        }
        Validation v = new Validation();
        v.required("currentPassword", currentPassword).maxLength("currentPassword", currentPassword, 200);
        passwordRules(v, "newPassword", newPassword, a.username);
        v.check(newPassword == null || !newPassword.equals(currentPassword), "newPassword", "unchanged",
                Text.of("Mật khẩu mới phải khác mật khẩu cũ.", "The new password must differ from the current one."));
        v.throwIfInvalid();
        String key = "login:" + a.username;
        throttle.attempt(key); // the current password is a guess like any other
        if (!settings.hasher().verify(currentPassword, a.passwordHash)) {
            throw SotayException.invalid(List.of(new FieldError("currentPassword", "wrong",
                    Text.of("Mật khẩu hiện tại không đúng.", "The current password is wrong."))));
        }
        throttle.success(key);
        String hash = settings.hasher().hash(newPassword);
        String session = caller instanceof TokenCaller t ? t.sessionId() : null;
        long now = System.currentTimeMillis();
        jpa.tx(TransactionType.Required, em -> {
            AccountEntity e = em.find(AccountEntity.class, a.id);
            e.passwordHash = hash;
            e.passwordChangeRequired = false;
            e.updatedMs = now;
            int ended = Store.revokeSessions(em, revocations, e.id, session, now);
            Store.audit(audit, em, "account.password-change", "account", e.id, e.homeUnitId, null, ended + " other sessions signed out");
        });
    }

    @Override
    public List<Device> myDevices() {
        Caller caller = callers.current();
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT d FROM DeviceEntity d WHERE d.accountId = :a ORDER BY d.lastSeenMs DESC", DeviceEntity.class)
                .setParameter("a", caller.subject()).getResultList().stream().map(DeviceEntity::toDto).toList());
    }

    @Override
    public void revokeDevice(String deviceId) {
        Caller caller = callers.current();
        long now = System.currentTimeMillis();
        jpa.tx(TransactionType.Required, em -> {
            DeviceEntity d = deviceId == null ? null : em.find(DeviceEntity.class, deviceId);
            if (d == null || !d.accountId.equals(caller.subject())) {
                throw SotayException.notFound(Text.of("Không có thiết bị này.", "There is no such device."));
            }
            List<String> families = em.createQuery("SELECT DISTINCT r.familyId FROM RefreshTokenEntity r WHERE r.deviceId = :d", String.class)
                    .setParameter("d", d.id).getResultList();
            for (String f : families) {
                Store.revokeFamily(em, revocations, f, caller.subject(), now);
            }
            em.createQuery("UPDATE RefreshTokenEntity r SET r.deviceId = NULL WHERE r.deviceId = :d").setParameter("d", d.id).executeUpdate();
            em.remove(d);
            AccountEntity a = em.find(AccountEntity.class, caller.subject());
            Store.audit(audit, em, "device.revoke", "device", d.id, a == null ? null : a.homeUnitId, null,
                    d.platform + " " + (d.appVersion == null ? "" : d.appVersion) + " signed out");
        });
    }

    // ---- staff: accounts in their subtree ----

    @Override
    public CreatedAccount create(StaffDraft d) {
        Caller caller = callers.current();
        StaffDraft draft = d == null ? new StaffDraft(null, null, null, null, null) : d;
        String username = Usernames.normalise(draft.username());
        String name = Validation.clean(draft.displayName());
        Validation v = new Validation();
        v.required("username", Validation.clean(draft.username()));
        v.check(username.isEmpty() || Usernames.STAFF.matcher(username).matches(), "username", "format", Text.of(
                "Tên đăng nhập: 3-64 ký tự a-z, 0-9, '.', '_', '-', bắt đầu bằng chữ.",
                "An account name has 3-64 characters a-z, 0-9, '.', '_', '-' and starts with a letter."));
        v.required("displayName", name).maxLength("displayName", name, 300);
        v.required("kind", draft.kind());
        v.check(draft.kind() != AccountKind.MEMBER, "kind", "member-registers", Text.of(
                "Tài khoản đảng viên do đảng viên tự đăng ký bằng mã kích hoạt.", "Members register their own accounts with an activation code."));
        v.required("homeUnitId", Validation.clean(draft.homeUnitId()));
        if (draft.password() != null) {
            passwordRules(v, "password", draft.password(), username);
        }
        v.throwIfInvalid();
        List<String> lineage = tree.lineage(draft.homeUnitId().strip());
        if (lineage.isEmpty()) {
            throw SotayException.notFound(Text.of("Không có đơn vị này trong phạm vi của bạn.", "There is no such unit within your scope."));
        }
        authz.require(caller, IdentityPermissions.ACCOUNT_MANAGE, draft.homeUnitId().strip(), IdentityPermissions.ACCOUNT_READ);
        String secret = draft.password() == null ? Secrets.password() : null;
        String hash = settings.hasher().hash(secret == null ? draft.password() : secret);
        long now = System.currentTimeMillis();
        Account created = jpa.txExpr(TransactionType.Required, em -> {
            if (Store.byUsername(em, username) != null) {
                throw new SotayException(USERNAME_TAKEN, null, List.of(new FieldError("username", "taken",
                        Text.of("Tên đăng nhập này đã có người dùng.", "This account name is taken."))), null);
            }
            AccountEntity a = new AccountEntity();
            a.id = UUID.randomUUID().toString();
            a.username = username;
            a.kind = draft.kind();
            a.displayName = name;
            a.nameKey = VietnameseText.fold(name);
            a.homeUnitId = lineage.get(lineage.size() - 1);
            a.homeUnitPath = OrgTree.path(lineage);
            a.passwordHash = hash;
            a.passwordChangeRequired = secret != null && draft.kind() == AccountKind.STAFF;
            a.createdMs = now;
            a.updatedMs = now;
            em.persist(a);
            em.flush();
            Store.audit(audit, em, "account.create", "account", a.id, a.homeUnitId, lineage, a.kind + " " + a.username + " (" + a.displayName + ")");
            return Store.toDto(em, a);
        });
        return new CreatedAccount(created, secret);
    }

    @Override
    public Page<Account> find(AccountQuery query, PageRequest page) {
        Caller caller = callers.current();
        AccountQuery q = query == null ? new AccountQuery(null, null, null, null) : query;
        List<String> prefixes = prefixes(caller, IdentityPermissions.ACCOUNT_READ);
        StringBuilder where = new StringBuilder(" FROM AccountEntity a WHERE ").append(scope("a.homeUnitPath", prefixes));
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < prefixes.size(); i++) {
            params.put("scope" + i, prefixes.get(i) + "%");
        }
        if (q.unitId() != null && !q.unitId().isBlank()) {
            authz.require(caller, IdentityPermissions.ACCOUNT_READ, q.unitId().strip(), null);
            where.append(" AND a.homeUnitPath LIKE :unit");
            params.put("unit", OrgTree.path(tree.lineage(q.unitId().strip())) + "%");
        }
        String text = VietnameseText.fold(q.text());
        if (text != null && !text.isBlank()) {
            where.append(" AND (a.nameKey LIKE :text OR a.username LIKE :text)");
            params.put("text", "%" + text.replace("%", "").replace("_", "") + "%");
        }
        if (q.kind() != null) {
            where.append(" AND a.kind = :kind");
            params.put("kind", q.kind());
        }
        if (q.locked() != null) {
            // a timed lock that has ended no longer counts
            where.append(q.locked() ? " AND a.locked = :yes AND (a.lockedUntilMs IS NULL OR a.lockedUntilMs > :now)"
                    : " AND (a.locked = :no OR a.lockedUntilMs <= :now)");
            params.put(q.locked() ? "yes" : "no", q.locked());
            params.put("now", System.currentTimeMillis());
        }
        return jpa.txExpr(TransactionType.Required, em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(a)" + where, Long.class);
            TypedQuery<AccountEntity> list = em.createQuery("SELECT a" + where + " ORDER BY a.nameKey, a.id", AccountEntity.class);
            params.forEach((k, val) -> {
                count.setParameter(k, val);
                list.setParameter(k, val);
            });
            long total = count.getSingleResult();
            List<Account> items = list.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream()
                    .map(a -> Store.toDto(em, a)).toList();
            return new Page<>(items, total, page);
        });
    }

    @Override
    public Account get(String id) {
        Caller caller = callers.current();
        return jpa.txExpr(TransactionType.Required, em -> Store.toDto(em, visible(em, caller, IdentityPermissions.ACCOUNT_READ, id)));
    }

    @Override
    public Account lock(String id, String reason, Instant until) {
        Caller caller = callers.current();
        String why = Validation.clean(reason);
        long now = System.currentTimeMillis();
        new Validation().required("reason", why).maxLength("reason", why, 500)
                .check(until == null || until.toEpochMilli() > now, "until", "in-past",
                        Text.of("Thời hạn khoá phải ở tương lai.", "The lock must end in the future."))
                .check(!caller.subject().equals(id), "id", "self", Text.of("Không thể tự khoá tài khoản của mình.", "You cannot lock your own account."))
                .throwIfInvalid();
        Account locked = jpa.txExpr(TransactionType.Required, em -> {
            AccountEntity a = visible(em, caller, IdentityPermissions.ACCOUNT_READ, id);
            authz.require(caller, IdentityPermissions.ACCOUNT_MANAGE, a.homeUnitId, IdentityPermissions.ACCOUNT_READ);
            a.locked = true;
            a.lockReason = why;
            a.lockedUntilMs = until == null ? null : until.toEpochMilli();
            a.updatedMs = now;
            int ended = Store.revokeSessions(em, revocations, a.id, null, now);
            revocations.account(em, a.id, now); // API clients' tokens too, which belong to no session
            Store.event(outbox, em, IdentityEvents.ACCOUNT_LOCKED, a.id, a.memberId);
            Store.audit(audit, em, "account.lock", "account", a.id, a.homeUnitId, null, "locked" + (until == null ? "" : " until " + until)
                    + ": " + why + "; " + ended + " sessions signed out");
            return Store.toDto(em, a);
        });
        return locked;
    }

    @Override
    public Account unlock(String id) {
        Caller caller = callers.current();
        long now = System.currentTimeMillis();
        Account unlocked = jpa.txExpr(TransactionType.Required, em -> {
            AccountEntity a = visible(em, caller, IdentityPermissions.ACCOUNT_READ, id);
            authz.require(caller, IdentityPermissions.ACCOUNT_MANAGE, a.homeUnitId, IdentityPermissions.ACCOUNT_READ);
            a.locked = false;
            a.lockReason = null;
            a.lockedUntilMs = null;
            a.updatedMs = now;
            Store.audit(audit, em, "account.unlock", "account", a.id, a.homeUnitId, null, "unlocked");
            return Store.toDto(em, a);
        });
        throttle.success("login:" + unlocked.username());
        throttle.success("client:" + unlocked.username());
        return unlocked;
    }

    @Override
    public Account grant(String accountId, GrantDraft g) {
        Caller caller = callers.current();
        GrantDraft draft = g == null ? new GrantDraft(null, null, null, null) : g;
        LocalDate today = LocalDate.now(TokenCaller.VIETNAM);
        LocalDate from = draft.validFrom() == null ? today : draft.validFrom();
        Validation v = new Validation();
        v.required("role", draft.role()).required("unitId", Validation.clean(draft.unitId()));
        v.check(draft.validTo() == null || !draft.validTo().isBefore(from), "validTo", "before-start",
                Text.of("Ngày kết thúc phải từ ngày bắt đầu.", "The grant must end on or after it starts."));
        v.check(draft.validTo() == null || !draft.validTo().isBefore(today), "validTo", "in-past",
                Text.of("Ngày kết thúc đã qua.", "The end date has passed."));
        v.check(draft.role() != Role.MEMBER, "role", "implicit",
                Text.of("Vai trò đảng viên gắn với chi bộ của đảng viên.", "The MEMBER role comes with the member's own cell."));
        v.throwIfInvalid();
        String unitId = draft.unitId().strip();
        if (tree.lineage(unitId).isEmpty()) {
            throw SotayException.invalid(List.of(new FieldError("unitId", "unknown", Text.of("Không có đơn vị này.", "There is no such unit."))));
        }
        authz.require(caller, IdentityPermissions.GRANT_MANAGE, unitId, IdentityPermissions.ACCOUNT_READ);
        // never more than the granter holds there
        for (String permission : settings.permissionsOf(draft.role())) {
            if (!authz.may(caller, permission, unitId)) {
                throw SotayException.forbidden(Text.of("Không thể trao vai trò " + draft.role() + ": bạn không có quyền " + permission + " tại đó.",
                        "You cannot grant " + draft.role() + ": you do not hold " + permission + " there."));
            }
        }
        long now = System.currentTimeMillis();
        return jpa.txExpr(TransactionType.Required, em -> {
            AccountEntity a = visible(em, caller, IdentityPermissions.ACCOUNT_READ, accountId);
            if ((a.kind == AccountKind.CLIENT) != (draft.role() == Role.INTEGRATOR)) {
                throw SotayException.invalid(List.of(new FieldError("role", "kind", Text.of(
                        "Vai trò INTEGRATOR chỉ dành cho tài khoản ứng dụng (CLIENT), và ngược lại.",
                        "INTEGRATOR is the only role of an API client account (CLIENT), and only theirs."))));
            }
            GrantEntity e = new GrantEntity();
            e.id = UUID.randomUUID().toString();
            e.accountId = a.id;
            e.role = draft.role();
            e.unitId = unitId;
            e.validFrom = from;
            e.validTo = draft.validTo();
            e.grantedBy = caller.subject();
            e.grantedMs = now;
            em.persist(e);
            a.updatedMs = now;
            Store.audit(audit, em, "grant.add", "account", a.id, unitId, null, draft.role() + " at " + unitId + " from " + from
                    + (draft.validTo() == null ? "" : " to " + draft.validTo()) + " for " + a.username);
            return Store.toDto(em, a);
        });
    }

    @Override
    public Account revokeGrant(String accountId, String grantId) {
        Caller caller = callers.current();
        LocalDate today = LocalDate.now(TokenCaller.VIETNAM);
        return jpa.txExpr(TransactionType.Required, em -> {
            AccountEntity a = visible(em, caller, IdentityPermissions.ACCOUNT_READ, accountId);
            GrantEntity e = grantId == null ? null : em.find(GrantEntity.class, grantId);
            if (e == null || !e.accountId.equals(a.id)) {
                throw SotayException.notFound(Text.of("Không có quyền được trao này.", "There is no such grant."));
            }
            authz.require(caller, IdentityPermissions.GRANT_MANAGE, e.unitId, IdentityPermissions.ACCOUNT_READ);
            if (caller.subject().equals(a.id) && e.role == Role.PROVINCIAL_ADMIN) {
                throw SotayException.conflict(Text.of("Không thể tự bỏ quyền quản trị của mình.", "You cannot revoke your own administrator grant."));
            }
            if (e.validTo == null || !e.validTo.isBefore(today)) {
                e.validTo = today.minusDays(1).isBefore(e.validFrom) ? e.validFrom.minusDays(1) : today.minusDays(1);
                Store.audit(audit, em, "grant.revoke", "account", a.id, e.unitId, null, e.role + " at " + e.unitId + " ended for " + a.username);
                // tokens name their grants: those already issued stop working, and the next refresh carries the grants left
                revocations.account(em, a.id, System.currentTimeMillis());
            }
            return Store.toDto(em, a);
        });
    }

    /** The account if its home unit is in the caller's subtrees for {@code permission}; 404 otherwise (filtered in the query). */
    private AccountEntity visible(EntityManager em, Caller caller, String permission, String id) {
        List<String> prefixes = prefixes(caller, permission);
        TypedQuery<AccountEntity> q = em.createQuery("SELECT a FROM AccountEntity a WHERE a.id = :id AND "
                + scope("a.homeUnitPath", prefixes), AccountEntity.class).setParameter("id", id == null ? "" : id);
        for (int i = 0; i < prefixes.size(); i++) {
            q.setParameter("scope" + i, prefixes.get(i) + "%");
        }
        List<AccountEntity> found = q.getResultList();
        if (found.isEmpty()) {
            throw SotayException.notFound(Text.of("Không có tài khoản này trong phạm vi của bạn.", "There is no such account within your scope."));
        }
        return found.get(0);
    }

    private List<String> prefixes(Caller caller, String permission) {
        return tree.paths(caller.unitsFor(permission));
    }

    private static String scope(String column, List<String> prefixes) {
        if (prefixes.isEmpty()) {
            return "(" + column + " IS NULL)"; // never true, and no literal (EclipseLink stops binding on Derby when it sees one)
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < prefixes.size(); i++) {
            sb.append(i == 0 ? "" : " OR ").append(column).append(" LIKE :scope").append(i);
        }
        return sb.append(')').toString();
    }
}
