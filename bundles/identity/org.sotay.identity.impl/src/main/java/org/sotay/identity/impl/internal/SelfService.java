package org.sotay.identity.impl.internal;

import java.util.List;

import org.apache.aries.jpa.template.TransactionType;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.Validation;
import org.sotay.core.api.security.Caller;
import org.sotay.identity.api.Account;
import org.sotay.identity.api.Device;

/** What an account does for itself: read itself, change its password, list and sign out its devices. */
final class SelfService {
    private final Services s;

    SelfService(Services s) {
        this.s = s;
    }

    Account me() {
        Caller caller = s.callers().current();
        return s.jpa().txExpr(TransactionType.Required, em -> {
            AccountEntity a = em.find(AccountEntity.class, caller.subject());
            if (a == null) {
                throw SotayException.notFound(Text.of("Người gọi không có tài khoản Sổ tay.", "The caller has no Sotay account."));
            }
            return Store.toDto(em, a, s.now());
        });
    }

    void changePassword(String currentPassword, String newPassword) {
        Caller caller = s.callers().current();
        AccountEntity a = s.jpa().txExpr(TransactionType.Required, em -> em.find(AccountEntity.class, caller.subject()));
        if (a == null) {
            throw SotayException.notFound(Text.of("Người gọi không có tài khoản Sổ tay.", "The caller has no Sotay account."));
        }
        Validation v = new Validation();
        v.required("currentPassword", currentPassword).maxLength("currentPassword", currentPassword, PasswordPolicy.MAX);
        PasswordPolicy.check(v, "newPassword", newPassword, a.username, s.settings().config().minPasswordLength());
        v.check(newPassword == null || !newPassword.equals(currentPassword), "newPassword", "unchanged",
                Text.of("Mật khẩu mới phải khác mật khẩu cũ.", "The new password must differ from the current one."));
        v.throwIfInvalid();
        String key = "login:" + a.username;
        s.throttle().attempt(key); // the current password is a guess like any other
        if (!s.settings().hasher().verify(currentPassword, a.passwordHash)) {
            throw SotayException.invalid(List.of(new FieldError("currentPassword", "wrong",
                    Text.of("Mật khẩu hiện tại không đúng.", "The current password is wrong."))));
        }
        s.throttle().success(key);
        String hash = s.settings().hasher().hash(newPassword);
        String session = caller instanceof TokenCaller t ? t.sessionId() : null;
        long now = s.now();
        s.jpa().tx(TransactionType.Required, em -> {
            AccountEntity e = em.find(AccountEntity.class, a.id);
            e.passwordHash = hash;
            e.passwordChangeRequired = false;
            e.updatedMs = now;
            int ended = Store.revokeSessions(em, s.revocations(), e.id, session, now);
            Store.log(s.journal(), em).audit("account.password-change", "account", e.id, e.homeUnitId, ended + " other sessions signed out");
        });
    }

    List<Device> myDevices() {
        Caller caller = s.callers().current();
        return s.jpa().txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT d FROM DeviceEntity d WHERE d.accountId = :a ORDER BY d.lastSeenMs DESC", DeviceEntity.class)
                .setParameter("a", caller.subject()).getResultList().stream().map(DeviceEntity::toDto).toList());
    }

    void revokeDevice(String deviceId) {
        Caller caller = s.callers().current();
        long now = s.now();
        s.jpa().tx(TransactionType.Required, em -> {
            DeviceEntity d = deviceId == null || deviceId.length() > 36 ? null : em.find(DeviceEntity.class, deviceId);
            if (d == null || !d.accountId.equals(caller.subject())) {
                throw SotayException.notFound(Text.of("Không có thiết bị này.", "There is no such device."));
            }
            List<String> families = em.createQuery("SELECT DISTINCT r.familyId FROM RefreshTokenEntity r WHERE r.deviceId = :d", String.class)
                    .setParameter("d", d.id).getResultList();
            for (String f : families) {
                Store.revokeFamily(em, s.revocations(), f, caller.subject(), now);
            }
            em.createQuery("UPDATE RefreshTokenEntity r SET r.deviceId = NULL WHERE r.deviceId = :d").setParameter("d", d.id).executeUpdate();
            em.remove(d);
            AccountEntity a = em.find(AccountEntity.class, caller.subject());
            Store.log(s.journal(), em).audit("device.revoke", "device", d.id, a == null ? null : a.homeUnitId,
                    d.platform + " " + (d.appVersion == null ? "" : d.appVersion) + " signed out");
        });
    }
}
