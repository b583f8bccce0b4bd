package org.sotay.reporting.impl.commands;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.ConsoleCaller;
import org.sotay.core.api.security.OrgTree;
import org.sotay.reporting.api.ReportingPermissions;
import org.sotay.reporting.api.ReportingService;

/**
 * {@code sotay:report-rebuild [--no-wait]}: recomputes every figure from the source modules (once in
 * the cluster: a rebuild already running is followed instead) and shows its progress.
 */
@Service
@Command(scope = "sotay", name = "report-rebuild", description = "Dựng lại số liệu báo cáo / Rebuild the report figures from their sources")
public class ReportRebuildCommand implements Action {
    @Reference
    ReportingService reports;
    @Reference
    CallerContext callers;
    @Reference
    OrgTree tree;

    @Option(name = "--no-wait", description = "Start it and return (follow it with GET /api/v1/reports/rebuild/<id>)")
    boolean noWait;

    @Override
    public Object execute() throws Exception {
        List<String> roots = tree.roots();
        if (roots.isEmpty()) {
            System.out.println("Chưa có đơn vị nào / The registry has no units yet.");
            return null;
        }
        Caller operator = ConsoleCaller.of("report-rebuild", roots, ReportingPermissions.REBUILD);
        JobState job = callers.runAs(operator, reports::rebuild);
        System.out.println("Tác vụ / job " + job.id() + " (" + job.node() + ")");
        if (noWait) {
            return null;
        }
        String last = "";
        while (job.status() == JobState.Status.RUNNING) {
            String line = String.format("\r%-10s %3d%%  %,d / %,d", job.phase(), job.percent(), job.done(), job.total());
            if (!line.equals(last)) {
                System.out.print(line);
                System.out.flush();
                last = line;
            }
            Thread.sleep(500);
            String id = job.id();
            JobState next = callers.runAs(operator, () -> reports.job(id)).orElse(null);
            if (next == null) {
                System.out.println();
                System.out.println("Tác vụ không còn / the job is gone: " + id);
                return null;
            }
            job = next;
        }
        System.out.println();
        System.out.println(job.status() == JobState.Status.DONE ? "Xong / done: " + job.result()
                : "Lỗi / failed: " + (job.error() == null ? "?" : job.error().vi() + " / " + job.error().en()));
        return null;
    }
}
