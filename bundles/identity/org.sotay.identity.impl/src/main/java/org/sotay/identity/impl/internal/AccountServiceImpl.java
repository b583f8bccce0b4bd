package org.sotay.identity.impl.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.persistence.Journal;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.OrgTree;
import org.sotay.identity.api.Account;
import org.sotay.identity.api.AccountQuery;
import org.sotay.identity.api.AccountService;
import org.sotay.identity.api.ActivationCode;
import org.sotay.identity.api.AuthorizationService;
import org.sotay.identity.api.CreatedAccount;
import org.sotay.identity.api.Device;
import org.sotay.identity.api.GrantDraft;
import org.sotay.identity.api.Registration;
import org.sotay.identity.api.StaffDraft;
import org.sotay.registry.api.directory.MemberDirectory;

/**
 * Accounts over IDN_ACCOUNT and friends. One service for clients, four concerns inside, each its
 * own class: members' registration and resets ({@link Registrations}), an account's own business
 * ({@link SelfService}), staff management in a subtree ({@link StaffAccounts}) and role grants
 * ({@link Grants}).
 */
@Component(service = AccountService.class)
public class AccountServiceImpl implements AccountService {
    private final Registrations registrations;
    private final SelfService self;
    private final StaffAccounts staff;
    private final Grants grants;

    @Activate
    public AccountServiceImpl(@Reference IdentitySchema schema, @Reference(target = "(osgi.unit.name=sotay-identity)") JpaTemplate jpa,
            @Reference Settings settings, @Reference LoginThrottle throttle, @Reference CallerContext callers,
            @Reference MemberDirectory directory, @Reference OrgTree tree, @Reference AuthorizationService authz,
            @Reference Journal journal, @Reference Revocations revocations, @Reference Clock clock) {
        this(new Services(jpa, settings, throttle, callers, directory, tree, authz, journal, revocations, clock));
    }

    /** Outside OSGi (tests). */
    AccountServiceImpl(Services services) {
        this.registrations = new Registrations(services);
        this.self = new SelfService(services);
        this.staff = new StaffAccounts(services);
        this.grants = new Grants(services, staff);
    }

    @Override
    public Account register(Registration registration) {
        return registrations.register(registration);
    }

    @Override
    public void resetPassword(Registration reset) {
        registrations.resetPassword(reset);
    }

    @Override
    public ActivationCode issueCode(String memberId) {
        return registrations.issueCode(memberId);
    }

    @Override
    public Account me() {
        return self.me();
    }

    @Override
    public void changePassword(String currentPassword, String newPassword) {
        self.changePassword(currentPassword, newPassword);
    }

    @Override
    public List<Device> myDevices() {
        return self.myDevices();
    }

    @Override
    public void revokeDevice(String deviceId) {
        self.revokeDevice(deviceId);
    }

    @Override
    public CreatedAccount create(StaffDraft draft) {
        return staff.create(draft);
    }

    @Override
    public Page<Account> find(AccountQuery query, PageRequest page) {
        return staff.find(query, page);
    }

    @Override
    public Account get(String id) {
        return staff.get(id);
    }

    @Override
    public Account lock(String id, String reason, Instant until) {
        return staff.lock(id, reason, until);
    }

    @Override
    public Account unlock(String id) {
        return staff.unlock(id);
    }

    @Override
    public Account grant(String accountId, GrantDraft grant) {
        return grants.grant(accountId, grant);
    }

    @Override
    public Account revokeGrant(String accountId, String grantId) {
        return grants.revokeGrant(accountId, grantId);
    }
}
