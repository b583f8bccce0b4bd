package org.sotay.identity.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Validation;
import org.sotay.core.api.security.Caller;
import org.sotay.identity.api.AccountKind;
import org.sotay.identity.api.ActivationCode;
import org.sotay.identity.api.GrantDraft;
import org.sotay.identity.api.Registration;
import org.sotay.identity.api.Role;
import org.sotay.identity.api.StaffDraft;
import org.sotay.identity.api.TokenPair;
import org.sotay.registry.api.directory.MemberRef;

/**
 * The identity rules through the real services, tokens and database: "nobody acts beyond what they
 * hold" for resets, locks and grants, and the token life cycle.
 */
class AccountRulesTest {
    private IdentityFixture f;

    @BeforeEach
    void start() {
        f = new IdentityFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aCodeIssuerCannotTakeOverTheAccountOfAHigherOfficialInTheirCell() {
        // a district official is also a member of cell C; a time-boxed helper serves cell C
        String official = f.member("0800000001", "Ma Thế Hồng", IdentityFixture.CELL);
        f.as(f.root()).accounts.grant(official, new GrantDraft(Role.COMMITTEE_STAFF, IdentityFixture.DISTRICT, null, null));
        String helper = f.staff("helper.c", Role.INSTALL_HELPER, IdentityFixture.CELL);
        Caller asHelper = f.signIn("helper.c");
        f.as(asHelper);
        MemberRef officialRef = f.members.byCardNumber("0800000001").orElseThrow();
        SotayException refused = assertThrows(SotayException.class, () -> f.accounts.issueCode(officialRef.id()));
        assertEquals("identity.beyond-rank", refused.type().slug());
        assertEquals(403, refused.type().status());
        // an ordinary member of the cell: the helper may reset, and the audit line of the reset names the helper
        f.member("0800000002", "Hà Thị Lan", IdentityFixture.CELL);
        MemberRef plain = f.members.byCardNumber("0800000002").orElseThrow();
        f.as(asHelper);
        ActivationCode code = f.accounts.issueCode(plain.id());
        assertEquals(ActivationCode.Purpose.RESET, code.purpose());
        f.as(Caller.ANONYMOUS).accounts.resetPassword(new Registration("0800000002", plain.dateOfBirth(), code.code(), "mật khẩu mới hơn 2"));
        List<String> actors = f.p.query("SELECT ACTOR FROM CORE_AUDIT WHERE ACTION = 'account.password-reset'", rs -> rs.getString(1));
        assertEquals(List.of(helper), actors);
        f.p.clock().advance(java.time.Duration.ofSeconds(1)); // tokens issued at the very millisecond of a reset are refused
        assertNotNull(f.signIn("0800000002", "mật khẩu mới hơn 2"));
    }

    @Test
    void aSecretaryCannotLockOrUnlockAHigherOfficialNorLiftAnAdministratorsLock() {
        String official = f.member("0800000011", "Nông Văn Tiến", IdentityFixture.CELL);
        f.as(f.root()).accounts.grant(official, new GrantDraft(Role.COMMITTEE_STAFF, IdentityFixture.DISTRICT, null, null));
        String plain = f.member("0800000012", "Triệu Thị Mai", IdentityFixture.CELL);
        f.staff("secretary.c", Role.CELL_SECRETARY, IdentityFixture.CELL);
        f.staff("admin", Role.PROVINCIAL_ADMIN, IdentityFixture.ROOT);
        Caller secretary = f.signIn("secretary.c");
        Caller admin = f.signIn("admin");

        f.as(secretary);
        assertEquals("identity.beyond-rank", assertThrows(SotayException.class, () -> f.accounts.lock(official, "thử", null)).type().slug());
        // the secretary may lock and unlock an ordinary member of the cell
        assertTrue(f.accounts.lock(plain, "điện thoại bị mất", null).locked());
        assertFalse(f.accounts.unlock(plain).locked());
        // a lock the administrator placed is lifted only at that level
        f.as(admin).accounts.lock(plain, "nghi bị chiếm tài khoản", null);
        f.as(secretary);
        assertEquals("identity.beyond-rank", assertThrows(SotayException.class, () -> f.accounts.unlock(plain)).type().slug());
        assertTrue(f.as(admin).accounts.get(plain).locked());
        assertFalse(f.accounts.unlock(plain).locked());
    }

    @Test
    void aGrantNeverExceedsTheGranterAndIsNotTakenAwayBySomeoneBelowIt() {
        f.staff("staff.d", Role.COMMITTEE_STAFF, IdentityFixture.DISTRICT);
        String someone = f.staff("someone", null, IdentityFixture.CELL);
        Caller staff = f.signIn("staff.d");
        f.as(staff);
        assertEquals("identity.beyond-rank", assertThrows(SotayException.class,
                () -> f.accounts.grant(someone, new GrantDraft(Role.PROVINCIAL_ADMIN, IdentityFixture.CELL, null, null))).type().slug());
        f.accounts.grant(someone, new GrantDraft(Role.CELL_SECRETARY, IdentityFixture.CELL, null, null));
        // an administrator's grant at a unit of the district cannot be revoked by the district's staff
        String grantId = f.as(f.root()).accounts.grant(someone, new GrantDraft(Role.PROVINCIAL_ADMIN, IdentityFixture.CELL, null, null)).grants()
                .stream().filter(g -> g.role() == Role.PROVINCIAL_ADMIN).findFirst().orElseThrow().id();
        f.as(staff);
        assertEquals("identity.beyond-rank", assertThrows(SotayException.class, () -> f.accounts.revokeGrant(someone, grantId)).type().slug());
    }

    @Test
    void anUnknownUnitAndOneOutsideTheScopeAnswerAlike() {
        f.staff("staff.d", Role.COMMITTEE_STAFF, IdentityFixture.DISTRICT);
        String someone = f.staff("someone", null, IdentityFixture.CELL);
        f.as(f.signIn("staff.d"));
        SotayException unknown = assertThrows(SotayException.class,
                () -> f.accounts.grant(someone, new GrantDraft(Role.CELL_SECRETARY, "no-such-unit", null, null)));
        SotayException elsewhere = assertThrows(SotayException.class,
                () -> f.accounts.grant(someone, new GrantDraft(Role.CELL_SECRETARY, IdentityFixture.OTHER_CELL, null, null)));
        assertEquals(404, unknown.type().status());
        assertEquals(unknown.type(), elsewhere.type());
        assertEquals(unknown.detail(), elsewhere.detail());
        SotayException createUnknown = assertThrows(SotayException.class,
                () -> f.accounts.create(new StaffDraft("new.one", "Người mới", AccountKind.STAFF, "no-such-unit", null)));
        SotayException createElsewhere = assertThrows(SotayException.class,
                () -> f.accounts.create(new StaffDraft("new.one", "Người mới", AccountKind.STAFF, IdentityFixture.OTHER_CELL, null)));
        assertEquals(createUnknown.type(), createElsewhere.type());
        assertEquals(createUnknown.detail(), createElsewhere.detail());
    }

    @Test
    void namesAndPasswordsFollowOneSetOfRules() {
        f.as(f.root());
        SotayException e = assertThrows(SotayException.class,
                () -> f.accounts.create(new StaffDraft("bad.name", "Tên\u0000có\u001bký tự", AccountKind.STAFF, IdentityFixture.CELL, "ngắn")));
        List<String> fields = e.errors().stream().map(x -> x.field() + ":" + x.code()).toList();
        assertTrue(fields.contains("displayName:control-character"), fields.toString());
        assertTrue(fields.contains("password:too-short"), fields.toString());
        // the same rules for the bootstrap and console administrators
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> PasswordPolicy.require("aaaaaaaaaaaa", "admin", 10));
        assertTrue(bad.getMessage().contains("too simple"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PasswordPolicy.require("tinh.admin-2024!", "tinh.admin", 10));
        assertFalse(PasswordPolicy.check(new Validation(), "p", "đủ dài và khác 1", "x", 10).hasErrors());
    }

    @Test
    void aRefreshTokenIsSpentOnceAndItsReuseEndsTheWholeSession() {
        f.member("0800000021", "Bùi Văn Hải", IdentityFixture.CELL);
        TokenPair first = f.tokens.login(new org.sotay.identity.api.Login("0800000021", IdentityFixture.PASSWORD, null));
        TokenPair second = f.tokens.refresh(first.refreshToken());
        assertTrue(f.authenticator.authenticate("Bearer", second.accessToken()).isPresent());
        // the spent token shown again: a thief and the owner hold the family; it ends for both
        assertEquals("identity.bad-refresh-token", assertThrows(SotayException.class, () -> f.tokens.refresh(first.refreshToken())).type().slug());
        assertEquals("identity.bad-refresh-token", assertThrows(SotayException.class, () -> f.tokens.refresh(second.refreshToken())).type().slug());
        assertTrue(f.authenticator.authenticate("Bearer", second.accessToken()).isEmpty(), "its access token is refused at once on this node");
        f.revocations.reload();
        assertTrue(f.authenticator.authenticate("Bearer", second.accessToken()).isEmpty(), "and after the list is read again");
    }

    @Test
    void aLoginBacksOffAfterTheFreeAttemptsAndAnUnknownNameAnswersTheSame() {
        f.member("0800000031", "Lý Văn An", IdentityFixture.CELL);
        for (int i = 0; i < 5; i++) {
            assertEquals("identity.bad-credentials", assertThrows(SotayException.class,
                    () -> f.tokens.login(new org.sotay.identity.api.Login("0800000031", "sai mật khẩu rồi", null))).type().slug());
        }
        assertEquals(429, assertThrows(SotayException.class,
                () -> f.tokens.login(new org.sotay.identity.api.Login("0800000031", IdentityFixture.PASSWORD, null))).type().status());
        assertEquals("identity.bad-credentials", assertThrows(SotayException.class,
                () -> f.tokens.login(new org.sotay.identity.api.Login("0899999999", "bất kỳ mật khẩu", null))).type().slug());
    }
}
