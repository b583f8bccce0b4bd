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
     * Starts recomputing every figure from the source modules ({@link ReportingPermissions#REBUILD}
     * at the root): a tracked job, one at a time in the cluster (a second request answers the
     * running one). Figures stay readable meanwhile; events that arrive are applied after it.
     */
    JobState rebuild();

    /** A rebuild job's state, for those who may start one. */
    Optional<JobState> job(String id);
}
