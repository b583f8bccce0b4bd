package org.sotay.registry.api;

import java.time.Instant;

import org.sotay.core.api.Required;

/**
 * An import running in the background: where it is ({@code phase}: {@code queued}, {@code reading},
 * {@code checking}, {@code writing}, {@code done}), how far ({@code rowsDone} of {@code rowsTotal};
 * the total is known once the file is read) and, when finished, its {@link ImportReport} (or the
 * error that stopped it). The state is kept in the database, so any node can answer for it.
 */
public record ImportJob(@Required String id, @Required Status status, @Required String phase, boolean dryRun, int rowsTotal, int rowsDone, int percent,
        @Required Instant startedAt, Instant finishedAt, ImportReport report, String error) {

    public enum Status {
        RUNNING, DONE, FAILED
    }

    /** A job's state, its {@code percent} (0-100, of the current phase) computed from the counts. */
    public static ImportJob of(String id, Status status, String phase, boolean dryRun, int rowsTotal, int rowsDone, Instant startedAt,
            Instant finishedAt, ImportReport report, String error) {
        int percent = status != Status.RUNNING ? 100 : rowsTotal <= 0 ? 0 : (int) Math.min(99, 100L * rowsDone / rowsTotal);
        return new ImportJob(id, status, phase, dryRun, rowsTotal, rowsDone, percent, startedAt, finishedAt, report, error);
    }
}
