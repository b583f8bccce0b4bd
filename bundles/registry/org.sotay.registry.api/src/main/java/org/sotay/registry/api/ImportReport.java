package org.sotay.registry.api;

import java.time.LocalDate;
import java.util.List;

/**
 * The outcome of a member import. A file is applied only when it has no errors and no
 * conflicts, and then entirely (one transaction): {@code applied} says whether it was. A dry run
 * reports what a real run would do and writes nothing. Rows are numbered as in the file, the
 * header being row 1.
 */
public record ImportReport(boolean dryRun, boolean applied, int rows, int created, int updated, int unchanged,
        List<String> ignoredColumns, List<RowError> errors, List<Conflict> conflicts) {

    /** A value at fault in one row (or in the header, row 1). Messages in Vietnamese and English. */
    public record RowError(int row, String cardNumber, String field, String code, String messageVi, String messageEn) {
    }

    /**
     * A row whose card number is already the registry's for another person of the caller's scope
     * (other name or date of birth): an item to resolve, never overwritten. {@code code} is stable
     * ({@code another-person}); the message is in Vietnamese and English. A card held outside the
     * caller's scope is not a conflict but a row error {@code card-taken}, which says no more than
     * creating that member over the API would.
     */
    public record Conflict(int row, String cardNumber, String fileName, LocalDate fileDateOfBirth, String registryMemberId,
            String registryName, LocalDate registryDateOfBirth, String code, String messageVi, String messageEn) {
    }
}
