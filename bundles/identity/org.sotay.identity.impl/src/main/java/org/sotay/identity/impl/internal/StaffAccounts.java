package org.sotay.identity.impl.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.TransactionType;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.VietnameseText;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.OrgTree;
import org.sotay.core.api.security.Scope;
import org.sotay.identity.api.Account;
import org.sotay.identity.api.AccountKind;
import org.sotay.identity.api.AccountQuery;
import org.sotay.identity.api.CreatedAccount;
import org.sotay.identity.api.IdentityEvents;
import org.sotay.identity.api.IdentityPermissions;
import org.sotay.identity.api.StaffDraft;

/**
 * Accounts as staff manage them, within their subtrees (filtered in the query): staff and API-client
 * accounts, the list, locks. A lock or an unlock needs the caller to cover every role the account holds
 * ({@link Ranks}), and a lock placed by someone is lifted only by them or by someone who covers them.
 */
final class StaffAccounts {
    static final ProblemType USERNAME_TAKEN = ProblemType.of("identity.username-taken", 409,
            Text.of("Tên đăng nhập đã có người dùng", "The account name is taken"));

    private final Services s;

    StaffAccounts(Services s) {
        this.s = s;
    }

    CreatedAccount create(StaffDraft d) {
        Caller caller = s.callers().current();
        StaffDraft draft = d == null ? new StaffDraft(null, null, null, null, null) : d;
        String username = Usernames.normalise(draft.username());
        String name = Validation.clean(draft.displayName());
        String home = Validation.clean(draft.homeUnitId());
        Validation v = new Validation();
        v.required("username", Validation.clean(draft.username()));
        v.check(username.isEmpty() || Usernames.STAFF.matcher(username).matches(), "username", "format", Text.of(
                "Tên đăng nhập: 3-64 ký tự a-z, 0-9, '.', '_', '-', bắt đầu bằng chữ.",
                "An account name has 3-64 characters a-z, 0-9, '.', '_', '-' and starts with a letter."));
        v.required("displayName", name).text("displayName", name, 300);
        v.required("kind", draft.kind());
        v.check(draft.kind() != AccountKind.MEMBER, "kind", "member-registers", Text.of(
                "Tài khoản đảng viên do đảng viên tự đăng ký bằng mã kích hoạt.", "Members register their own accounts with an activation code."));
        v.required("homeUnitId", home).maxLength("homeUnitId", home, 36);
        if (draft.password() != null) {
            PasswordPolicy.check(v, "password", draft.password(), username, s.settings().config().minPasswordLength());
        }
        v.throwIfInvalid();
        // an unknown unit and one outside the caller's scope answer alike (404)
        s.authz().require(caller, IdentityPermissions.ACCOUNT_MANAGE, home, IdentityPermissions.ACCOUNT_READ);
        List<String> lineage = s.tree().lineage(home);
        String secret = draft.password() == null ? Secrets.password() : null;
        String hash = s.settings().hasher().hash(secret == null ? draft.password() : secret);
        long now = s.now();
        Account created = s.jpa().txExpr(TransactionType.Required, em -> {
            if (Store.byUsername(em, username) != null) {
                // account names are unique in the deployment, so this answer tells that the name exists (see docs/api)
                throw new SotayException(USERNAME_TAKEN, null, List.of(new FieldError("username", "taken",
                        Text.of("Tên đăng nhập này đã có người dùng.", "This account name is taken."))), null);
            }
            AccountEntity a = new AccountEntity();
            a.id = UUID.randomUUID().toString();
            a.username = username;
            a.kind = draft.kind();
            a.displayName = name;
            a.nameKey = Store.nameKey(name);
            a.homeUnitId = lineage.get(lineage.size() - 1);
            a.homeUnitPath = OrgTree.path(lineage);
            a.passwordHash = hash;
            a.passwordChangeRequired = secret != null && draft.kind() == AccountKind.STAFF;
            a.createdMs = now;
            a.updatedMs = now;
            em.persist(a);
            em.flush();
            Store.log(s.journal(), em).audit("account.create", "account", a.id, a.homeUnitId, lineage,
                    a.kind + " " + a.username + " (" + a.displayName + ")");
            return Store.toDto(em, a, now);
        });
        return new CreatedAccount(created, secret);
    }

    Page<Account> find(AccountQuery query, PageRequest page) {
        Caller caller = s.callers().current();
        AccountQuery q = query == null ? new AccountQuery(null, null, null, null) : query;
        new Validation().maxLength("q", q.text(), 200).maxLength("unit", q.unitId(), 36).throwIfInvalid();
        Scope scope = Scope.of(caller, IdentityPermissions.ACCOUNT_READ, s.tree());
        StringBuilder where = new StringBuilder(" FROM AccountEntity a WHERE ").append(scope.jpql("a.homeUnitPath"));
        Map<String, Object> params = new HashMap<>(scope.parameters());
        if (q.unitId() != null && !q.unitId().isBlank()) {
            s.authz().require(caller, IdentityPermissions.ACCOUNT_READ, q.unitId().strip(), null);
            Scope unit = Scope.ofPaths(List.of(OrgTree.path(s.tree().lineage(q.unitId().strip())))).named("unit");
            where.append(" AND ").append(unit.jpql("a.homeUnitPath"));
            params.putAll(unit.parameters());
        }
        String text = VietnameseText.fold(q.text());
        if (text != null && !text.isBlank()) {
            where.append(" AND (a.nameKey LIKE :text OR a.username LIKE :text)");
            params.put("text", "%" + text.replace("%", "").replace("_", "").replace("\\", "") + "%");
        }
        if (q.kind() != null) {
            where.append(" AND a.kind = :kind");
            params.put("kind", q.kind());
        }
        long now = s.now();
        if (q.locked() != null) {
            // a timed lock that has ended no longer counts
            where.append(q.locked() ? " AND a.locked = :yes AND (a.lockedUntilMs IS NULL OR a.lockedUntilMs > :now)"
                    : " AND (a.locked = :no OR a.lockedUntilMs <= :now)");
            params.put(q.locked() ? "yes" : "no", q.locked());
            params.put("now", now);
        }
        return s.jpa().txExpr(TransactionType.Required, em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(a)" + where, Long.class);
            TypedQuery<AccountEntity> list = em.createQuery("SELECT a" + where + " ORDER BY a.nameKey, a.id", AccountEntity.class);
            params.forEach((k, val) -> {
                count.setParameter(k, val);
                list.setParameter(k, val);
            });
            long total = count.getSingleResult();
            List<Account> items = list.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream()
                    .map(a -> Store.toDto(em, a, now)).toList();
            return new Page<>(items, total, page);
        });
    }

    Account get(String id) {
        Caller caller = s.callers().current();
        return s.jpa().txExpr(TransactionType.Required, em -> Store.toDto(em, visible(em, caller, IdentityPermissions.ACCOUNT_READ, id), s.now()));
    }

    Account lock(String id, String reason, Instant until) {
        Caller caller = s.callers().current();
        String why = Validation.clean(reason);
        long now = s.now();
        new Validation().required("reason", why).text("reason", why, 500)
                .check(until == null || until.isAfter(Instant.ofEpochMilli(now)), "until", "in-past",
                        Text.of("Thời hạn khoá phải ở tương lai.", "The lock must end in the future."))
                .check(until == null || until.isBefore(Instant.ofEpochMilli(now).plus(java.time.Duration.ofDays(3650))), "until", "out-of-range",
                        Text.of("Khoá tối đa 10 năm; để trống là khoá đến khi mở.", "A lock lasts at most ten years; leave it out to lock until unlocked."))
                .check(!caller.subject().equals(id), "id", "self", Text.of("Không thể tự khoá tài khoản của mình.", "You cannot lock your own account."))
                .throwIfInvalid();
        return s.jpa().txExpr(TransactionType.Required, em -> {
            AccountEntity a = visible(em, caller, IdentityPermissions.ACCOUNT_READ, id);
            s.authz().require(caller, IdentityPermissions.ACCOUNT_MANAGE, a.homeUnitId, IdentityPermissions.ACCOUNT_READ);
            s.ranks().require(caller, Store.grants(em, a.id), s.today(), Text.of(
                    "Tài khoản này có vai trò cao hơn quyền của bạn; không thể khoá.", "This account holds roles beyond yours; you cannot lock it."));
            a.locked = true;
            a.lockReason = why;
            a.lockedUntilMs = until == null ? null : until.toEpochMilli();
            a.lockedBy = caller.subject();
            a.updatedMs = now;
            int ended = Store.revokeSessions(em, s.revocations(), a.id, null, now);
            s.revocations().account(em, a.id, now); // API clients' tokens too, which belong to no session
            var log = Store.log(s.journal(), em);
            Store.event(log, IdentityEvents.ACCOUNT_LOCKED, a.id, a.memberId);
            log.audit("account.lock", "account", a.id, a.homeUnitId, "locked" + (until == null ? "" : " until " + until) + ": " + why + "; "
                    + ended + " sessions signed out");
            return Store.toDto(em, a, now);
        });
    }

    Account unlock(String id) {
        Caller caller = s.callers().current();
        long now = s.now();
        Account unlocked = s.jpa().txExpr(TransactionType.Required, em -> {
            AccountEntity a = visible(em, caller, IdentityPermissions.ACCOUNT_READ, id);
            s.authz().require(caller, IdentityPermissions.ACCOUNT_MANAGE, a.homeUnitId, IdentityPermissions.ACCOUNT_READ);
            s.ranks().require(caller, Store.grants(em, a.id), s.today(), Text.of(
                    "Tài khoản này có vai trò cao hơn quyền của bạn; không thể mở khoá.", "This account holds roles beyond yours; you cannot unlock it."));
            if (a.locked && a.lockedBy != null && !a.lockedBy.equals(caller.subject())) {
                // the lock of a higher role is lifted at that level: whoever unlocks must cover whoever locked
                AccountEntity locker = em.find(AccountEntity.class, a.lockedBy);
                // a lock from outside any account (the console) is lifted by an administrator of that unit
                boolean covers = locker == null ? s.ranks().coversRole(caller, org.sotay.identity.api.Role.PROVINCIAL_ADMIN, a.homeUnitId)
                        : s.ranks().covers(caller, Store.grants(em, locker.id), s.today());
                if (!covers) {
                    throw new SotayException(Ranks.BEYOND_RANK, Text.of(
                            "Khoá này do cấp cao hơn đặt; chỉ cấp đó mới mở được.", "This lock was placed by a higher level; only that level can lift it."));
                }
            }
            a.locked = false;
            a.lockReason = null;
            a.lockedUntilMs = null;
            a.lockedBy = null;
            a.updatedMs = now;
            Store.log(s.journal(), em).audit("account.unlock", "account", a.id, a.homeUnitId, "unlocked");
            return Store.toDto(em, a, now);
        });
        s.throttle().success("login:" + unlocked.username());
        s.throttle().success("client:" + unlocked.username());
        return unlocked;
    }

    /** The account if its home unit is in the caller's subtrees for {@code permission}; 404 otherwise (filtered in the query). */
    AccountEntity visible(EntityManager em, Caller caller, String permission, String id) {
        Scope scope = Scope.of(caller, permission, s.tree());
        TypedQuery<AccountEntity> q = em.createQuery("SELECT a FROM AccountEntity a WHERE a.id = :id AND " + scope.jpql("a.homeUnitPath"),
                AccountEntity.class).setParameter("id", id == null || id.length() > 36 ? "" : id);
        scope.parameters().forEach(q::setParameter);
        List<AccountEntity> found = q.getResultList();
        if (found.isEmpty()) {
            throw SotayException.notFound(Text.of("Không có tài khoản này trong phạm vi của bạn.", "There is no such account within your scope."));
        }
        return found.get(0);
    }
}
