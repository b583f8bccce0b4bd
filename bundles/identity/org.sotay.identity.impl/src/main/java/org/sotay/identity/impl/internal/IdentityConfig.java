package org.sotay.identity.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.sotay.identity} ({@code etc/org.sotay.identity.cfg}). */
@ObjectClassDefinition(id = IdentityConfig.PID, name = "Sotay identity", description = "Tokens, passwords, sign-in throttling, roles")
@interface IdentityConfig {
    String PID = "org.sotay.identity";

    @AttributeDefinition(description = "Issuer (iss) and audience (aud) of access tokens")
    String issuer() default "sotay";

    @AttributeDefinition(description = "Lifetime of an access token, in seconds (an ended session's tokens are refused within 5 s; keep it short)")
    int accessTokenSeconds() default 600;

    @AttributeDefinition(description = "Lifetime of a refresh token family without use, in days")
    int refreshTokenDays() default 30;

    @AttributeDefinition(description = "PBKDF2-HMAC-SHA256 iterations for new password hashes (OWASP 2023: 600000)")
    int passwordIterations() default PasswordHasher.OWASP_ITERATIONS;

    @AttributeDefinition(description = "Shortest password accepted")
    int minPasswordLength() default 10;

    @AttributeDefinition(description = "How long an activation or reset code is valid, in hours")
    int codeValidityHours() default 72;

    @AttributeDefinition(description = "Failed sign-ins to one account name before it backs off")
    int freeAttempts() default 5;

    @AttributeDefinition(description = "First back-off after the free attempts, in seconds; it doubles with each further failure")
    int lockoutBaseSeconds() default 30;

    @AttributeDefinition(description = "Longest back-off, in seconds")
    int lockoutMaxSeconds() default 900;

    @AttributeDefinition(description = "Failed sign-ins from one client address within the window before that address must wait")
    int addressMaxFailures() default 100;

    @AttributeDefinition(description = "Window of the per-address count, in seconds")
    int addressWindowSeconds() default 600;

    @AttributeDefinition(description = "First administrator's account name, used only while no administrator exists "
            + "(else the environment variable SOTAY_BOOTSTRAP_ADMIN_USER)")
    String bootstrapAdminUser() default "";

    @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
            description = "First administrator's password (else SOTAY_BOOTSTRAP_ADMIN_PASSWORD)")
    String bootstrapAdminPassword() default "";

    @AttributeDefinition(description = "Permission patterns of the MEMBER role")
    String[] roleMember() default { "handbook.read", "meetings.read", "meetings.attend", "sample.notice.read" };

    @AttributeDefinition(description = "Permission patterns of the INSTALL_HELPER role")
    String[] roleInstallHelper() default { "registry.read", "identity.code.issue", "handbook.read", "handbook.reading.record", "handbook.reading.names",
            "handbook.audience.install-helper" };

    @AttributeDefinition(description = "Permission patterns of the CELL_SECRETARY role")
    String[] roleCellSecretary() default { "registry.read", "identity.code.issue", "identity.account.read", "identity.account.manage",
            "handbook.read", "handbook.reading.*", "handbook.audience.cell-secretary", "handbook.feedback.answer", "meetings.*", "reporting.read",
            "sample.notice.read", "fees.*" };

    @AttributeDefinition(description = "Permission patterns of the COMMITTEE_STAFF role")
    String[] roleCommitteeStaff() default { "registry.*", "identity.*", "audit.read", "handbook.*", "meetings.*", "reporting.read", "sample.*", "fees.*" };

    @AttributeDefinition(description = "Permission patterns of the PROVINCIAL_ADMIN role")
    String[] roleProvincialAdmin() default { "*" };

    @AttributeDefinition(description = "Permission patterns of the INTEGRATOR role (API clients)")
    String[] roleIntegrator() default { "registry.read", "reporting.read", "handbook.read" };
}
