package org.sotay.registry.api;

import java.io.InputStream;

/**
 * Bulk import of members from CSV (UTF-8, with or without a byte-order mark, comma separated,
 * RFC 4180 quoting). Columns by header name, English or Vietnamese, with or without diacritics:
 * cardNumber (Số thẻ), fullName (Họ và tên), dateOfBirth (Ngày sinh), gender (Giới tính:
 * Nam/Nữ), ethnicity (Dân tộc), dateAdmitted (Ngày vào Đảng), dateOfficial (Ngày chính thức),
 * cellCode (Mã chi bộ), phone (Điện thoại), email, usesSmartphone (Điện thoại thông minh: có/không).
 * Dates as 2024-05-25 or 25/05/2024. The export's extra columns are ignored, so an export imports
 * back unchanged. Rows are matched by card number: a new card creates a member, a known card of
 * the same person (same name and date of birth) updates the member, and re-running a file changes
 * nothing. The caller needs {@link RegistryPermissions#MEMBER_WRITE} over every row's cell.
 */
@org.osgi.annotation.versioning.ProviderType
public interface MemberImport {
    /** Imports at once, in the caller's thread. */
    ImportReport importCsv(InputStream csv, boolean dryRun);

    /**
     * Starts the import as a job and returns at once: the file is saved first, then checked and
     * applied in the background as the current caller, all or nothing as {@link #importCsv}.
     */
    ImportJob start(InputStream csv, boolean dryRun);

    /** A job the current caller started; not found for anyone else. */
    ImportJob job(String id);
}
