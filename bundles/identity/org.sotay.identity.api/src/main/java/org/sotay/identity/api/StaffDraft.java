package org.sotay.identity.api;

/**
 * A staff or API-client account to create at {@code homeUnitId}. With no {@code password}, a
 * one-time password (or client secret) is generated and returned once.
 */
public record StaffDraft(String username, String displayName, AccountKind kind, String homeUnitId, String password) {
}
