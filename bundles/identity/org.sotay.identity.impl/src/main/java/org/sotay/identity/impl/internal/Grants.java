package org.sotay.identity.impl.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.aries.jpa.template.TransactionType;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.security.Caller;
import org.sotay.identity.api.Account;
import org.sotay.identity.api.AccountKind;
import org.sotay.identity.api.GrantDraft;
import org.sotay.identity.api.IdentityPermissions;
import org.sotay.identity.api.Role;

/** Roles granted at units: never more than the granter holds there, and never taken away by someone who could not have given them. */
final class Grants {
    private final Services s;
    private final StaffAccounts accounts;

    Grants(Services s, StaffAccounts accounts) {
        this.s = s;
        this.accounts = accounts;
    }

    Account grant(String accountId, GrantDraft g) {
        Caller caller = s.callers().current();
        GrantDraft draft = g == null ? new GrantDraft(null, null, null, null) : g;
        LocalDate today = s.today();
        LocalDate from = draft.validFrom() == null ? today : draft.validFrom();
        String unitId = Validation.clean(draft.unitId());
        Validation v = new Validation();
        v.required("role", draft.role()).required("unitId", unitId).maxLength("unitId", unitId, 36);
        v.check(draft.validTo() == null || !draft.validTo().isBefore(from), "validTo", "before-start",
                Text.of("Ngày kết thúc phải từ ngày bắt đầu.", "The grant must end on or after it starts."));
        v.check(draft.validTo() == null || !draft.validTo().isBefore(today), "validTo", "in-past",
                Text.of("Ngày kết thúc đã qua.", "The end date has passed."));
        v.check(!from.isBefore(today.minusYears(1)) && !from.isAfter(today.plusYears(5)), "validFrom", "out-of-range",
                Text.of("Ngày bắt đầu phải trong khoảng một năm trước đến năm năm sau.", "The start must be within a year before and five years after today."));
        v.check(draft.validTo() == null || !draft.validTo().isAfter(today.plusYears(10)), "validTo", "out-of-range",
                Text.of("Tối đa mười năm; để trống là không thời hạn.", "At most ten years ahead; leave it out for no end."));
        v.check(draft.role() != Role.MEMBER, "role", "implicit",
                Text.of("Vai trò đảng viên gắn với chi bộ của đảng viên.", "The MEMBER role comes with the member's own cell."));
        v.throwIfInvalid();
        // an unknown unit and one outside the caller's scope answer alike (404)
        s.authz().require(caller, IdentityPermissions.GRANT_MANAGE, unitId, IdentityPermissions.ACCOUNT_READ);
        if (!s.ranks().coversRole(caller, draft.role(), unitId)) {
            throw new SotayException(Ranks.BEYOND_RANK, Text.of("Không thể trao vai trò " + draft.role() + ": bạn không có đủ quyền của vai trò đó tại đơn vị này.",
                    "You cannot grant " + draft.role() + ": you do not hold all of its permissions at that unit."));
        }
        long now = s.now();
        return s.jpa().txExpr(TransactionType.Required, em -> {
            AccountEntity a = accounts.visible(em, caller, IdentityPermissions.ACCOUNT_READ, accountId);
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
            Store.log(s.journal(), em).audit("grant.add", "account", a.id, unitId, draft.role() + " at " + unitId + " from " + from
                    + (draft.validTo() == null ? "" : " to " + draft.validTo()) + " for " + a.username);
            return Store.toDto(em, a, now);
        });
    }

    Account revokeGrant(String accountId, String grantId) {
        Caller caller = s.callers().current();
        LocalDate today = s.today();
        return s.jpa().txExpr(TransactionType.Required, em -> {
            AccountEntity a = accounts.visible(em, caller, IdentityPermissions.ACCOUNT_READ, accountId);
            GrantEntity e = grantId == null || grantId.length() > 36 ? null : em.find(GrantEntity.class, grantId);
            if (e == null || !e.accountId.equals(a.id)) {
                throw SotayException.notFound(Text.of("Không có quyền được trao này.", "There is no such grant."));
            }
            s.authz().require(caller, IdentityPermissions.GRANT_MANAGE, e.unitId, IdentityPermissions.ACCOUNT_READ);
            if (!s.ranks().coversRole(caller, e.role, e.unitId)) {
                throw new SotayException(Ranks.BEYOND_RANK, Text.of("Không thể thu hồi vai trò " + e.role + ": bạn không có đủ quyền của vai trò đó.",
                        "You cannot revoke " + e.role + ": you do not hold all of its permissions there."));
            }
            if (caller.subject().equals(a.id) && e.role == Role.PROVINCIAL_ADMIN) {
                throw SotayException.conflict(Text.of("Không thể tự bỏ quyền quản trị của mình.", "You cannot revoke your own administrator grant."));
            }
            if (e.validTo == null || !e.validTo.isBefore(today)) {
                e.validTo = today.minusDays(1).isBefore(e.validFrom) ? e.validFrom.minusDays(1) : today.minusDays(1);
                Store.log(s.journal(), em).audit("grant.revoke", "account", a.id, e.unitId, e.role + " at " + e.unitId + " ended for " + a.username);
                // tokens name their grants: those already issued stop working, and the next refresh carries the grants left
                s.revocations().account(em, a.id, s.now());
            }
            return Store.toDto(em, a, s.now());
        });
    }
}
