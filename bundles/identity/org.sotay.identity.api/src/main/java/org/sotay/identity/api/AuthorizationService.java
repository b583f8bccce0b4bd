package org.sotay.identity.api;

import java.util.Set;

import org.sotay.core.api.security.Caller;

/**
 * Answers "may this caller do {@code permission} on unit {@code U}": true when the caller holds
 * the permission at {@code U} or at one of its ancestors, through a grant that has not ended.
 * Every module asks this (or filters its queries by {@link Caller#unitsFor(String)}); none decodes
 * tokens itself.
 */
@org.osgi.annotation.versioning.ProviderType
public interface AuthorizationService {
    boolean may(Caller caller, String permission, String unitId);

    /**
     * Throws unless {@link #may}: 404 when the caller cannot even see {@code unitId} with
     * {@code visibility} (so existence is not revealed), 403 otherwise.
     */
    void require(Caller caller, String permission, String unitId, String visibility);

    /** The permission patterns a role carries now ({@code registry.*}, {@code audit.read}, {@code *}). */
    Set<String> permissionsOf(Role role);
}
