package org.sotay.registry.api;

import java.time.LocalDate;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/** Party members, scoped to the caller's subtrees: a member outside them is not found. */
@org.osgi.annotation.versioning.ProviderType
public interface MemberService {
    Page<Member> search(MemberQuery query, PageRequest page);

    Member get(String id);

    Member create(MemberDraft draft);

    Member update(String id, MemberDraft draft);

    /** The cell a member's home membership was in on {@code date}, or {@code null} if none. */
    String cellAt(String memberId, LocalDate date);
}
