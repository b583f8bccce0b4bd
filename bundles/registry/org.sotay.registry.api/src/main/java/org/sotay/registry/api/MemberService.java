package org.sotay.registry.api;

import java.time.LocalDate;
import java.util.List;
import java.util.function.BiConsumer;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/** Party members, scoped to the caller's subtrees: a member outside them is not found. */
@org.osgi.annotation.versioning.ProviderType
public interface MemberService {
    Page<Member> search(MemberQuery query, PageRequest page);

    Member get(String id);

    /**
     * The calling member's own record ({@link org.sotay.core.api.security.Caller#memberId()}),
     * whatever registry permissions they hold: their cell, residence affiliation and status, which
     * other modules need to address content and meetings to them. Not found for an account that is
     * no member's (staff, API clients).
     */
    Member self();

    Member create(MemberDraft draft);

    Member update(String id, MemberDraft draft);

    /** The cell a member's home membership was in on {@code date}, or {@code null} if none. */
    String cellAt(String memberId, LocalDate date);

    /**
     * Transfers a member. The caller needs {@link RegistryPermissions#MEMBER_WRITE} over both the
     * member's cell and the target cell (a transfer between districts is done above them).
     */
    Member transfer(String memberId, TransferDraft draft);

    /**
     * Changes a member's status (exempt from regular activities, suspended, left, ...). Made
     * OFFICIAL from PROBATIONARY, the date made official becomes the effective date. Nothing
     * changes a DECEASED member's status.
     */
    Member changeStatus(String memberId, StatusChange change);

    /** The member's status changes, oldest first. */
    List<StatusRecord> statusHistory(String memberId);

    /** Every cell the member belonged to, oldest first. */
    List<Membership> memberships(String memberId);

    /**
     * Streams the members of a subtree (within the caller's scope) in Vietnamese order, each
     * with the code of its cell, without holding them all in memory: for exports.
     */
    void forEachMember(String unitId, BiConsumer<Member, String> memberAndCellCode);
}
