package org.sotay.registry.api;

import java.time.LocalDate;
import java.util.List;

import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;

/**
 * The organization tree. Reads are limited to the caller's subtrees
 * ({@link RegistryPermissions#READ}); a unit outside them is reported as not found.
 */
@org.osgi.annotation.versioning.ProviderType
public interface OrgUnitService {
    List<UnitType> types();

    /** The units the caller may see at the top: the roots of their subtrees. */
    List<OrgUnit> roots();

    OrgUnit get(String id);

    /** The unit with the counts of its whole subtree. */
    UnitSummary summary(String id);

    /** Open children of a unit, by name. */
    Page<OrgUnit> children(String id, PageRequest page);

    /** Children of a unit with the counts of each child's subtree: the level below, for inspection. */
    List<UnitSummary> childSummaries(String id);

    /** The subtree of {@code id} as it was on {@code date}, depth first; venue and connectivity (not dated) as the units have them today. */
    List<OrgUnit> treeAt(String id, LocalDate date);

    OrgUnit create(UnitDraft draft);

    OrgUnit rename(String id, String newName, LocalDate effective, long version);

    /** Moves a unit and its subtree under another parent. */
    OrgUnit move(String id, String newParentId, LocalDate effective, long version);

    /**
     * Merges {@code sourceId} into {@code targetId}: its members and open sub-units move to the
     * target, then the source is closed on {@code effective}. History keeps where everyone was.
     */
    OrgUnit merge(String sourceId, String targetId, LocalDate effective, String reason);

    /**
     * Splits a unit: creates {@code newUnit} beside it (under the same parent) from {@code effective}
     * and moves the listed members and sub-units of the source into it, in one transaction; the
     * source stays open with the rest. Returns the new unit.
     */
    OrgUnit split(String sourceId, UnitDraft newUnit, List<String> memberIds, List<String> subUnitIds, LocalDate effective,
            String reason);
}
