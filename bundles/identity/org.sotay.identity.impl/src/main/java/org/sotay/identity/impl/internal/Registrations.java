package org.sotay.identity.impl.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.ProblemType;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.OrgTree;
import org.sotay.identity.api.Account;
import org.sotay.identity.api.AccountKind;
import org.sotay.identity.api.ActivationCode;
import org.sotay.identity.api.IdentityEvents;
import org.sotay.identity.api.IdentityPermissions;
import org.sotay.identity.api.Registration;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.directory.MemberRef;

/**
 * Members' own accounts: a secretary (or a helper, or anyone above) issues a one-time code; the
 * member registers with it, or sets a new password with a reset code. A reset code is issued only by
 * someone who covers every role the account holds ({@link Ranks}): a helper of a cell cannot take over
 * the account of a district official who is a member of that cell.
 */
final class Registrations {
    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);
    static final ProblemType REGISTRATION_FAILED = ProblemType.of("identity.registration-failed", 400,
            Text.of("Thông tin đăng ký không khớp", "The registration details do not match"));
    private static final String READ_REGISTRY = "registry.read";

    private final Services s;

    Registrations(Services s) {
        this.s = s;
    }

    Account register(Registration r) {
        Registration reg = check(r);
        String card = Usernames.normalise(reg.cardNumber());
        String key = "code:" + card;
        s.throttle().attempt(key);
        MemberRef member = s.directory().byCardNumber(card).orElse(null);
        long now = s.now();
        List<String> lineage = member == null ? List.of() : s.tree().lineage(member.cellId());
        String hash = s.settings().hasher().hash(reg.password());
        Account created = s.jpa().txExpr(TransactionType.Required, em -> {
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
            a.nameKey = Store.nameKey(member.fullName());
            a.memberId = member.id();
            a.homeUnitId = member.cellId();
            a.homeUnitPath = OrgTree.path(lineage);
            a.passwordHash = hash;
            a.createdMs = now;
            a.updatedMs = now;
            em.persist(a);
            em.flush();
            s.as(a.id, a.displayName, () -> {
                var log = Store.log(s.journal(), em);
                Store.event(log, IdentityEvents.ACCOUNT_REGISTERED, a.id, a.memberId);
                log.audit("account.register", "account", a.id, a.homeUnitId, lineage, "member " + card + " registered with a code issued by "
                        + code.issuedBy);
            });
            return Store.toDto(em, a, now);
        });
        if (created == null) {
            throw new SotayException(REGISTRATION_FAILED, Text.of(
                    "Số thẻ, ngày sinh hoặc mã kích hoạt không đúng, hoặc mã đã dùng hay hết hạn. Hãy hỏi bí thư chi bộ.",
                    "The card number, date of birth or activation code is wrong, or the code was used or has expired. Ask your cell secretary."));
        }
        s.throttle().success(key);
        try {
            s.as(created.id(), created.displayName(), () -> s.directory().accountRegistered(member.id(), s.today()));
        } catch (RuntimeException e) {
            // the account exists and the code is spent: answer 201, not 500; the flag is set at the member's first sign-in
            LOG.warn("Account {} registered, but the registry was not told yet (it will be at sign-in): {}", created.id(), e.toString());
        }
        return created;
    }

    void resetPassword(Registration r) {
        Registration reg = check(r);
        String card = Usernames.normalise(reg.cardNumber());
        String key = "code:" + card;
        s.throttle().attempt(key);
        MemberRef member = s.directory().byCardNumber(card).orElse(null);
        long now = s.now();
        String hash = s.settings().hasher().hash(reg.password());
        String username = s.jpa().txExpr(TransactionType.Required, em -> {
            CodeEntity code = matchingCode(em, reg, member, ActivationCode.Purpose.RESET, now);
            AccountEntity a = code == null ? null : Store.byMember(em, member.id());
            if (a == null) {
                return null;
            }
            code.usedMs = now;
            a.passwordHash = hash;
            a.passwordChangeRequired = false;
            a.updatedMs = now;
            Store.revokeSessions(em, s.revocations(), a.id, null, now);
            s.revocations().account(em, a.id, now);
            // the one accountable for a reset is whoever issued its code, not the account's owner: the line names the issuer
            s.as(code.issuedBy, "reset code issued by " + code.issuedBy, () -> Store.log(s.journal(), em).audit("account.password-reset",
                    "account", a.id, a.homeUnitId, "password of " + a.username + " reset with a code issued by " + code.issuedBy
                            + "; every session signed out"));
            return a.username;
        });
        if (username == null) {
            throw new SotayException(REGISTRATION_FAILED, Text.of(
                    "Số thẻ, ngày sinh hoặc mã không đúng, hoặc mã đã dùng hay hết hạn. Hãy hỏi bí thư chi bộ.",
                    "The card number, date of birth or code is wrong, or the code was used or has expired. Ask your cell secretary."));
        }
        s.throttle().success(key);
        s.throttle().success("login:" + username);
    }

    ActivationCode issueCode(String memberId) {
        Caller caller = s.callers().current();
        String id = Validation.clean(memberId);
        new Validation().required("memberId", id).maxLength("memberId", id, 36).throwIfInvalid();
        MemberRef member = s.directory().byId(id).orElse(null);
        if (member == null) {
            throw SotayException.notFound(Text.of("Không có đảng viên này trong phạm vi của bạn.", "There is no such member within your scope."));
        }
        s.authz().require(caller, IdentityPermissions.CODE_ISSUE, member.cellId(), READ_REGISTRY);
        if (member.status() == MemberStatus.LEFT || member.status() == MemberStatus.EXPELLED || member.status() == MemberStatus.DECEASED) {
            throw SotayException.conflict(Text.of("Đảng viên không còn sinh hoạt.", "The member is no longer active."));
        }
        long now = s.now();
        long expires = now + s.settings().config().codeValidityHours() * 3_600_000L;
        String code = Secrets.activationCode();
        ActivationCode.Purpose purpose = s.jpa().txExpr(TransactionType.Required, em -> {
            AccountEntity account = Store.byMember(em, member.id());
            ActivationCode.Purpose p = account == null ? ActivationCode.Purpose.REGISTER : ActivationCode.Purpose.RESET;
            if (account != null) {
                // a reset hands over the account: only to someone who could have given it every role it holds
                s.ranks().require(caller, Store.grants(em, account.id), s.today(), Text.of(
                        "Tài khoản của đảng viên này có vai trò cao hơn quyền của bạn; mã đặt lại mật khẩu phải do cấp có thẩm quyền cấp.",
                        "This member's account holds roles beyond yours; a reset code must come from someone who holds them."));
            }
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
            Store.log(s.journal(), em).audit("code.issue", "member", member.id(), member.cellId(), p + " code for card " + member.cardNumber()
                    + ", valid until " + Instant.ofEpochMilli(expires));
            return p;
        });
        return new ActivationCode(code, member.id(), purpose, Instant.ofEpochMilli(expires));
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

    private Registration check(Registration r) {
        Registration reg = r == null ? new Registration(null, null, null, null) : r;
        Validation v = new Validation();
        v.required("cardNumber", Validation.clean(reg.cardNumber())).text("cardNumber", reg.cardNumber(), 40);
        v.required("dateOfBirth", reg.dateOfBirth());
        v.required("activationCode", Validation.clean(reg.activationCode())).text("activationCode", reg.activationCode(), 40);
        PasswordPolicy.check(v, "password", reg.password(), reg.cardNumber(), s.settings().config().minPasswordLength());
        v.throwIfInvalid();
        return reg;
    }
}
