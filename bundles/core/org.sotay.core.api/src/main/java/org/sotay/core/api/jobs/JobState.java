package org.sotay.core.api.jobs;

import java.time.Instant;

import org.sotay.core.api.Text;

/**
 * A tracked job as every node sees it. {@code phase} is the job's own word ({@code queued},
 * {@code reading}, {@code writing}, ...); {@code done} of {@code total} (0 while unknown) its
 * progress, {@code percent} computed from them; {@code result} what the work returned; {@code error}
 * why it failed, for a person. A job whose node stopped is {@link Status#FAILED}.
 */
public record JobState(String id, String kind, String owner, String node, Status status, String phase, long done, long total,
        int percent, Instant startedAt, Instant updatedAt, Instant finishedAt, String result, Text error) {

    public enum Status {
        RUNNING, DONE, FAILED
    }

    /** The share done, 0-100 (99 at most while running; 100 once finished). */
    public static int percent(Status status, long done, long total) {
        if (status != Status.RUNNING) {
            return 100;
        }
        return total <= 0 ? 0 : (int) Math.min(99, Math.max(0, 100L * done / total));
    }
}
