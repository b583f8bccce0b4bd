package org.sotay.fees.api;

import java.util.List;

/**
 * Party fees within the caller's subtrees: a unit or member outside them is not found, as one that
 * does not exist. Periods are months as {@code yyyy-MM} (years 1900 to 2199). Every write is one
 * transaction with its audit lines and events ({@link FeesEvents}).
 */
@org.osgi.annotation.versioning.ProviderType
public interface FeeService {
    /** The month's dues for a declared basis, by the rates configured now. @throws org.sotay.core.api.SotayException validation */
    Quote quote(FeeCategory category, Long incomeDong);

    /** The same for a member of the caller's scope ({@link FeesPermissions#READ}). @throws org.sotay.core.api.SotayException validation, not-found */
    Quote quote(String memberId, FeeCategory category, Long incomeDong);

    /** The cell's sheet for {@code period}, opened or not (an unopened sheet lists the payments recorded so far). */
    Sheet sheet(String unitId, String period);

    /**
     * Opens the cell's sheet for {@code period}: the cell's active members as the registry has them
     * now are due (idempotent: an open sheet is returned as it is, with members added since).
     * Needs {@link FeesPermissions#RECORD}.
     */
    Sheet open(String unitId, String period);

    /**
     * Records the batch on the cell's sheet for {@code period}, all or nothing. Recording a member's
     * month again with the same amount changes nothing; with another amount it is a 409
     * ({@code fees.already-paid}) and nothing of the batch is written.
     */
    BatchResult record(String unitId, String period, PaymentBatch batch);

    /** A member's months of {@code year} (every year when null), newest first. */
    List<SheetLine> history(String memberId, Integer year);

    /** The warnings raised in the unit's subtree for {@code year}, in Vietnamese order of names. */
    List<Arrears> arrears(String unitId, int year);
}
