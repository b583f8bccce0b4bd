package org.sotay.registry.impl.commands;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.registry.api.ImportJob;
import org.sotay.registry.api.ImportReport;
import org.sotay.registry.api.MemberImport;
import org.sotay.registry.api.RegistryPermissions;

/**
 * {@code sotay:member-import [--dry-run] <file.csv>}: imports members as a background job and
 * draws its progress; all or nothing, as over the API. Rows with errors or conflicts are listed.
 */
@Service
@Command(scope = "sotay", name = "member-import", description = "Nhập đảng viên từ CSV / Import members from a CSV file")
public class MemberImportCommand implements Action {
    private static final int WIDTH = 30;

    @Reference
    MemberImport imports;
    @Reference
    CallerContext callers;
    @Reference
    RegistryRoots roots;

    @Argument(index = 0, name = "file", description = "The CSV file (UTF-8; header names as in the API guide)", required = true)
    String file;

    @Option(name = "-n", aliases = "--dry-run", description = "Check the file and report, writing nothing")
    boolean dryRun;

    @Option(name = "-e", aliases = "--errors", description = "How many row errors and conflicts to list (default 20)")
    int show = 20;

    @Override
    public Object execute() throws Exception {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            System.err.println("Không đọc được tệp / Cannot read " + path.toAbsolutePath());
            return null;
        }
        Caller operator = new OperatorCaller("member-import", roots.rootIds(),
                Set.of(RegistryPermissions.READ, RegistryPermissions.MEMBER_WRITE));
        ImportJob job;
        try (InputStream in = Files.newInputStream(path)) {
            job = callers.runAs(operator, () -> imports.start(in, dryRun));
        }
        String id = job.id();
        while (job.status() == ImportJob.Status.RUNNING) {
            draw(job);
            Thread.sleep(250);
            job = callers.runAs(operator, () -> imports.job(id));
        }
        draw(job);
        System.out.println();
        if (job.status() == ImportJob.Status.FAILED) {
            System.err.println("Thất bại / Failed: " + job.error());
            return null;
        }
        ImportReport r = job.report();
        System.out.printf("%s: %d dòng/rows, %d mới/created, %d cập nhật/updated, %d không đổi/unchanged, %d lỗi/errors, %d xung đột/conflicts%n",
                r.applied() ? "Đã nhập / Applied" : r.dryRun() ? "Chạy thử / Dry run" : "Không nhập gì / Nothing written",
                r.rows(), r.created(), r.updated(), r.unchanged(), r.errors().size(), r.conflicts().size());
        r.errors().stream().limit(show).forEach(e -> System.out.printf("  dòng/row %d %s %s: %s%n", e.row(),
                e.cardNumber() == null ? "" : e.cardNumber(), e.field(), e.messageVi()));
        r.conflicts().stream().limit(show).forEach(c -> System.out.printf("  dòng/row %d %s: %s (%s)%n", c.row(), c.cardNumber(),
                c.messageVi(), c.registryName() == null ? "" : c.registryName()));
        return null;
    }

    private static void draw(ImportJob job) {
        int pct = job.percent();
        int filled = pct * WIDTH / 100;
        String total = job.rowsTotal() > 0 ? String.format("%,d/%,d", job.rowsDone(), job.rowsTotal()) : String.format("%,d", job.rowsDone());
        System.out.printf("\r[%s%s] %3d%% %-8s %s   ", "#".repeat(filled), " ".repeat(WIDTH - filled), pct, job.phase(), total);
        System.out.flush();
    }
}
