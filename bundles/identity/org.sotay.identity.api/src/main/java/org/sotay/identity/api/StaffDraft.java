package org.sotay.identity.api;

import org.sotay.core.api.Required;

/**
 * A staff or API-client account to create at {@code homeUnitId}. With no {@code password}, a
 * one-time password (or client secret) is generated and returned once.
 */
public record StaffDraft(@Required String username, @Required String displayName, @Required AccountKind kind, @Required String homeUnitId,
        String password) {
}
