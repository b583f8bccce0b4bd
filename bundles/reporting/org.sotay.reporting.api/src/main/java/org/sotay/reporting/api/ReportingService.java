package org.sotay.reporting.api;

import java.time.LocalDate;
import java.util.Optional;

import org.sotay.core.api.jobs.JobState;

/**
 * The figures, for the caller's subtrees ({@link ReportingPermissions#READ}); a unit outside them
 * is not found. Dates are Vietnam's calendar days; {@code null} is today.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ReportingService {
    /**
     * Installation and registration for {@code unitId}'s subtree on {@code at}, with its children.
     * {@code restated}: the day's figures on today's tree instead of the tree as it was.
     */
    AdoptionReport adoption(String unitId, LocalDate at, boolean restated);

    /**
     * Cell activity for {@code unitId}'s subtree in {@code period} ({@code yyyy-MM}; {@code null}: this
     * month), with its children: the funnel of steps and the share that used the handbook, against the
     * goal. {@code restated}: on today's tree; {@code lagging}: children with the lowest share first.
     */
    ActivityReport activity(String unitId, String period, boolean restated, boolean lagging);

    /** Attendance in {@code period} for {@code unitId}'s subtree and its children, all meetings held and by kind, on the tree as it was. */
    default AttendanceReport attendance(String unitId, String period) {
        return attendance(unitId, period, false);
    }

    /**
     * Attendance in {@code period} for {@code unitId}'s subtree and its children, all meetings held and by
     * kind. {@code restated}: an ended period's meetings counted in the units their hosts are in today (a
     * merged unit's in the unit it was merged into) instead of the tree as it was then; a running period
     * is on today's tree either way.
     *
     * @since 1.1
     */
    AttendanceReport attendance(String unitId, String period, boolean restated);

    /**
     * The cells of {@code unitId}'s subtree that need help in {@code period}, each with its reasons
     * (only those with {@code reason} when given), by name within the committee above them: the list an
     * organization board works from, not a ranking.
     */
    org.sotay.core.api.Page<CellNeedingHelp> cellsNeedingHelp(String unitId, String period, String reason, org.sotay.core.api.PageRequest page);

    /** Where the internet is missing: {@code unitId} and each child, cells without a connection against their activity in {@code period}. */
    java.util.List<UnitConnectivity> connectivity(String unitId, String period);

    /** The mandatory items addressed to any part of {@code unitId}'s subtree (or above it), newest first, each with the unit's reading. */
    java.util.List<MandatoryItem> mandatoryItems(String unitId);

    /** The reading of {@code itemId} in {@code unitId}'s subtree, with each child. */
    ReadingReport reading(String unitId, String itemId);

    /**
     * Starts recomputing every figure from the source modules ({@link ReportingPermissions#REBUILD}
     * at the root): a tracked job, one at a time in the cluster (a second request answers the
     * running one). Figures stay readable meanwhile; events that arrive are applied after it.
     */
    JobState rebuild();

    /** A rebuild job's state, for those who may start one. */
    Optional<JobState> job(String id);
}
