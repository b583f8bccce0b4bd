package org.sotay.registry.impl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.registry.api.ImportJob;
import org.sotay.registry.api.ImportReport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Background imports, one at a time per node. The uploaded file is saved first; the job then runs
 * as the caller who started it, and its phase and row counts are written to REG_IMPORT_JOB on
 * their own connection (at most twice a second), outside the import's transaction, so a poll sees
 * them while the import is still uncommitted. A job whose node stopped shows as failed after a
 * while without news.
 */
@Component(service = ImportJobs.class)
public class ImportJobs {
    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
    static final long STALE_MILLIS = 10 * 60_000;
    private static final int MAX_REPORT_CHARS = 32_000;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    interface Runner {
        ImportReport run(InputStream csv, boolean dryRun, MemberImportImpl.Progress progress);
    }

    private final DataSource dataSource;
    private final CallerContext callers;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sotay-import");
        t.setDaemon(true);
        return t;
    });
    /** Jobs of this node waiting behind another: kept fresh so they do not look abandoned. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sotay-import-heartbeat");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ImportJobs(@Reference RegistrySchema schema, @Reference(target = "(osgi.jndi.service.name=sotay)") DataSource dataSource,
            @Reference CallerContext callers) {
        this.dataSource = dataSource;
        this.callers = callers;
        forgetLeftovers();
        heartbeat.scheduleWithFixedDelay(this::beat, 1, 1, TimeUnit.MINUTES);
    }

    @Deactivate
    void stop() {
        worker.shutdownNow();
        heartbeat.shutdownNow();
    }

    /** Uploaded files of jobs cut off by a stop (personal data: not left lying around), and job rows a month old. */
    private void forgetLeftovers() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), "sotay-import-*.csv")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            LOG.warn("Could not clear old import files: {}", e.toString());
        }
        try {
            update("DELETE FROM REG_IMPORT_JOB WHERE STARTED_MS < ?", System.currentTimeMillis() - 30L * 86_400_000);
        } catch (RuntimeException e) {
            LOG.warn("Could not forget old import jobs: {}", e.toString());
        }
    }

    private void beat() {
        for (String id : queued) {
            try {
                update("UPDATE REG_IMPORT_JOB SET UPDATED_MS = ? WHERE ID = ? AND PHASE = 'queued'", System.currentTimeMillis(), id);
            } catch (RuntimeException e) {
                LOG.debug("heartbeat of {} failed: {}", id, e.toString());
            }
        }
    }

    ImportJob start(InputStream csv, boolean dryRun, Caller caller, Runner runner) {
        Path file;
        try {
            file = Files.createTempFile("sotay-import-", ".csv");
            Files.copy(csv, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SotayException(org.sotay.core.api.ProblemType.MALFORMED_REQUEST,
                    Text.of("Không đọc được tệp tải lên.", "The uploaded file could not be read."));
        }
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        update("INSERT INTO REG_IMPORT_JOB (ID, STARTED_BY, STATUS, PHASE, DRY_RUN, ROWS_TOTAL, ROWS_DONE, STARTED_MS, UPDATED_MS)"
                + " VALUES (?, ?, 'RUNNING', 'queued', ?, 0, 0, ?, ?)", id, caller.subject(), dryRun, now, now);
        queued.add(id);
        worker.submit(() -> {
            queued.remove(id);
            run(id, file, dryRun, caller, runner);
        });
        return ImportJob.of(id, ImportJob.Status.RUNNING, "queued", dryRun, 0, 0, Instant.ofEpochMilli(now), null, null, null);
    }

    private void run(String id, Path file, boolean dryRun, Caller caller, Runner runner) {
        long[] last = { 0 };
        MemberImportImpl.Progress progress = (phase, done, total) -> {
            long now = System.currentTimeMillis();
            if (now - last[0] >= 500 || done == total) {
                last[0] = now;
                if (total > 0) {
                    update("UPDATE REG_IMPORT_JOB SET PHASE = ?, ROWS_DONE = ?, ROWS_TOTAL = ?, UPDATED_MS = ? WHERE ID = ?",
                            phase, done, total, now, id);
                } else {
                    update("UPDATE REG_IMPORT_JOB SET PHASE = ?, ROWS_DONE = ?, UPDATED_MS = ? WHERE ID = ?", phase, done, now, id);
                }
            }
        };
        try (InputStream in = Files.newInputStream(file)) {
            ImportReport report = callers.runAs(caller, () -> runner.run(in, dryRun, progress));
            update("UPDATE REG_IMPORT_JOB SET STATUS = 'DONE', PHASE = 'done', ROWS_TOTAL = ?, ROWS_DONE = ?, REPORT = ?, UPDATED_MS = ?,"
                    + " FINISHED_MS = ? WHERE ID = ?", report.rows(), report.rows(), json(report), System.currentTimeMillis(),
                    System.currentTimeMillis(), id);
        } catch (Exception e) {
            // a client sees a sentence in both languages, never a class name; the log has the rest
            String message = e instanceof SotayException s && s.detail() != null ? s.detail().vi() + " / " + s.detail().en()
                    : "Lỗi không mong muốn; không có gì được ghi. Quản trị viên xem nhật ký máy chủ (lần nhập " + id + ")."
                            + " / Unexpected error; nothing was written. The administrator can find import " + id + " in the server log.";
            if (!(e instanceof SotayException)) {
                LOG.error("Import job {} failed", id, e);
            }
            update("UPDATE REG_IMPORT_JOB SET STATUS = 'FAILED', ERROR = ?, UPDATED_MS = ?, FINISHED_MS = ? WHERE ID = ?",
                    cut(message, 2000), System.currentTimeMillis(), System.currentTimeMillis(), id);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // removed at the next start (forgetLeftovers)
            }
        }
    }

    ImportJob find(String id, Caller caller) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT STATUS, PHASE, DRY_RUN, ROWS_TOTAL,"
                + " ROWS_DONE, STARTED_MS, UPDATED_MS, FINISHED_MS, REPORT, ERROR FROM REG_IMPORT_JOB WHERE ID = ? AND STARTED_BY = ?")) {
            ps.setString(1, id == null ? "" : id);
            ps.setString(2, caller.subject());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw SotayException.notFound(Text.of("Không có lần nhập này.", "There is no such import job."));
                }
                ImportJob.Status status = ImportJob.Status.valueOf(rs.getString(1));
                String error = rs.getString(10);
                long updated = rs.getLong(7);
                long finished = rs.getLong(8);
                if (status == ImportJob.Status.RUNNING && System.currentTimeMillis() - updated > STALE_MILLIS) {
                    status = ImportJob.Status.FAILED;
                    error = "No news for " + STALE_MILLIS / 60_000 + " minutes: the node running it stopped. Nothing was written; start again.";
                }
                String report = rs.getString(9);
                return ImportJob.of(id, status, rs.getString(2), rs.getBoolean(3), rs.getInt(4), rs.getInt(5),
                        Instant.ofEpochMilli(rs.getLong(6)), finished == 0 ? null : Instant.ofEpochMilli(finished),
                        report == null ? null : JSON.readValue(report, ImportReport.class), error);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read import job " + id, e);
        }
    }

    /** The report as JSON, its row lists cut to fit the column when a file is very wrong (the counts stay exact). */
    static String json(ImportReport r) throws IOException {
        String s = JSON.writeValueAsString(r);
        int keep = 1000;
        while (s.length() > MAX_REPORT_CHARS && keep > 0) {
            keep /= 2;
            ImportReport cut = new ImportReport(r.dryRun(), r.applied(), r.rows(), r.created(), r.updated(), r.unchanged(), r.ignoredColumns(),
                    r.errors().subList(0, Math.min(keep, r.errors().size())), r.conflicts().subList(0, Math.min(keep, r.conflicts().size())));
            s = JSON.writeValueAsString(cut);
        }
        return s;
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    Object p = params[i];
                    if (p instanceof Long l) {
                        ps.setLong(i + 1, l);
                    } else if (p instanceof Integer n) {
                        ps.setInt(i + 1, n);
                    } else if (p instanceof Boolean b) {
                        ps.setBoolean(i + 1, b);
                    } else {
                        ps.setString(i + 1, (String) p);
                    }
                }
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the import job: " + e.getMessage(), e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
