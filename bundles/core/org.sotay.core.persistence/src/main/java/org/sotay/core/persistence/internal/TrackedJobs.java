package org.sotay.core.persistence.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.api.jobs.Scheduler;

/** Tracked jobs in CORE_JOB: every write is its own short autocommit statement, so any node reads a job's state while it runs. */
public final class TrackedJobs {
    static final int MAX_RESULT_CHARS = 32_000;
    static final Text NODE_DIED = Text.of("Máy chủ chạy việc này đã dừng giữa chừng; không có gì được ghi. Hãy chạy lại.",
            "The server running this job stopped before it finished; nothing was written. Start it again.");
    static final Text STOPPED = Text.of("Việc này đã bị dừng (mô-đun được gỡ hoặc máy chủ tắt); không có gì được ghi.",
            "The job was stopped (its module was removed or the server shut down); nothing was written.");
    private static final String COLUMNS = "ID, KIND, OWNER, NODE, STATUS, PHASE, DONE_COUNT, TOTAL_COUNT, STARTED_MS, UPDATED_MS, FINISHED_MS,"
            + " RESULT, ERROR_VI, ERROR_EN";

    private final Jdbc jdbc;
    private final Clock clock;
    private final Cluster cluster;

    public TrackedJobs(Jdbc jdbc, Clock clock, Cluster cluster) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cluster = cluster;
    }

    JobState insert(String kind, String owner) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        try {
            jdbc.update("INSERT INTO CORE_JOB (ID, KIND, OWNER, NODE, STATUS, PHASE, DONE_COUNT, TOTAL_COUNT, STARTED_MS, UPDATED_MS)"
                    + " VALUES (?, ?, ?, ?, 'RUNNING', 'queued', 0, 0, ?, ?)", id, cut(kind, 100), cut(owner, 100), cluster.node(), now, now);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the job: " + e.getMessage(), e);
        }
        return new JobState(id, kind, owner, cluster.node(), JobState.Status.RUNNING, "queued", 0, 0, 0, Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(now), null, null, null);
    }

    /** A progress reporter writing at most twice a second (and always the last step of a phase). */
    Scheduler.Progress progress(String id) {
        long[] last = { 0 };
        String[] lastPhase = { null };
        return (phase, done, total) -> {
            long now = clock.millis();
            boolean phaseChanged = !phase.equals(lastPhase[0]);
            if (now - last[0] >= 500 || done == total || phaseChanged) {
                last[0] = now;
                lastPhase[0] = phase;
                try {
                    jdbc.update("UPDATE CORE_JOB SET PHASE = ?, DONE_COUNT = ?, TOTAL_COUNT = ?, UPDATED_MS = ? WHERE ID = ? AND STATUS = 'RUNNING'",
                            cut(phase, 40), done, Math.max(total, 0), now, id);
                } catch (SQLException e) {
                    // progress is for people watching; the job goes on
                }
            }
        };
    }

    void done(String id, String result) throws SQLException {
        long now = clock.millis();
        jdbc.update("UPDATE CORE_JOB SET STATUS = 'DONE', PHASE = 'done', RESULT = ?, UPDATED_MS = ?, FINISHED_MS = ?,"
                + " DONE_COUNT = CASE WHEN TOTAL_COUNT > DONE_COUNT THEN TOTAL_COUNT ELSE DONE_COUNT END WHERE ID = ?",
                result == null ? null : cut(result, MAX_RESULT_CHARS), now, now, id);
    }

    void failed(String id, Text error) throws SQLException {
        long now = clock.millis();
        jdbc.update("UPDATE CORE_JOB SET STATUS = 'FAILED', ERROR_VI = ?, ERROR_EN = ?, UPDATED_MS = ?, FINISHED_MS = ? WHERE ID = ? AND STATUS = 'RUNNING'",
                cut(error.vi(), 2000), cut(error.en(), 2000), now, now, id);
    }

    /** The job as stored; a running job whose node is dead is failed on the spot. */
    Optional<JobState> find(String id) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        try {
            Optional<JobState> found = jdbc.first("SELECT " + COLUMNS + " FROM CORE_JOB WHERE ID = ?", TrackedJobs::read, id);
            if (found.isPresent() && found.get().status() == JobState.Status.RUNNING && !cluster.alive(found.get().node())) {
                failed(id, NODE_DIED);
                return jdbc.first("SELECT " + COLUMNS + " FROM CORE_JOB WHERE ID = ?", TrackedJobs::read, id);
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read job " + id + ": " + e.getMessage(), e);
        }
    }

    /** Forgets jobs finished more than {@code days} days ago. */
    int purge(int days) throws SQLException {
        return jdbc.update("DELETE FROM CORE_JOB WHERE FINISHED_MS < ?", clock.millis() - days * 86_400_000L);
    }

    private static JobState read(ResultSet rs) throws SQLException {
        JobState.Status status = JobState.Status.valueOf(rs.getString(5));
        long done = rs.getLong(7);
        long total = rs.getLong(8);
        Long finished = Jdbc.longOrNull(rs, 11);
        String vi = rs.getString(13);
        String en = rs.getString(14);
        return new JobState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), status, rs.getString(6), done, total,
                JobState.percent(status, done, total), Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10)),
                finished == null ? null : Instant.ofEpochMilli(finished), rs.getString(12),
                vi == null ? null : Text.of(vi, en));
    }

    /** What a person reads when a job failed with {@code e}. */
    static Text errorOf(String id, Throwable e) {
        if (e instanceof SotayException s && s.detail() != null) {
            return s.detail();
        }
        if (e instanceof SotayException s) {
            return s.type().title();
        }
        return Text.of("Lỗi không mong muốn; không có gì được ghi. Quản trị viên xem nhật ký máy chủ (việc " + id + ").",
                "Unexpected error; nothing was written. The administrator can find job " + id + " in the server log.");
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
