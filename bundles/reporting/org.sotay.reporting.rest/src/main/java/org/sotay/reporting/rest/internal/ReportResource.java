package org.sotay.reporting.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.FieldError;
import org.sotay.core.api.Params;
import org.sotay.core.api.Returns;
import org.sotay.core.api.SotayException;
import org.sotay.core.api.Text;
import org.sotay.core.api.jobs.JobState;
import org.sotay.core.api.security.RequiresPermission;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.reporting.api.ActivityReport;
import org.sotay.reporting.api.AdoptionReport;
import org.sotay.reporting.api.AttendanceReport;
import org.sotay.reporting.api.CellNeedingHelp;
import org.sotay.reporting.api.MandatoryItem;
import org.sotay.reporting.api.ReadingReport;
import org.sotay.reporting.api.ReportTable;
import org.sotay.reporting.api.UnitConnectivity;
import org.sotay.reporting.api.ReportingPermissions;
import org.sotay.reporting.api.ReportingService;

/**
 * {@code /api/v1/reports}: the figures of a unit's subtree, with its children, as JSON, CSV, XLSX or an
 * SVG chart: adoption on a day ({@code at}, Vietnam's calendar, default today), cell activity and
 * attendance in a period ({@code period=yyyy-MM}, default this month), the cells needing help, where
 * the internet is missing, mandatory reading; and the rebuild. {@code tree=today} restates a past day
 * or period on today's tree.
 */
@Component(service = ReportResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String SVG = "image/svg+xml";

    private final ReportingService reports;

    @Activate
    public ReportResource(@Reference ReportingService reports) {
        this.reports = reports;
    }

    /** Installation and registration for the unit's subtree and for each child, with an ETag (a poll that changed nothing is a 304). */
    @GET
    @Path("adoption/{unitId}")
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(AdoptionReport.class)
    @Returns(status = 304)
    public Response adoption(@PathParam("unitId") String unitId, @QueryParam("at") String at, @QueryParam("tree") String tree,
            @Context Request request) {
        return tagged(report(unitId, at, tree), request);
    }

    /** The same report as a file: {@code format=csv} (UTF-8 with BOM) or {@code format=xlsx} (frozen header, number and percent formats). */
    @GET
    @Path("adoption/{unitId}/export")
    @Produces({ "text/csv", XLSX })
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(value = String.class, description = "The report as CSV or XLSX, with a file name")
    public Response export(@PathParam("unitId") String unitId, @QueryParam("at") String at, @QueryParam("tree") String tree,
            @QueryParam("format") String format, @Context HttpHeaders headers) {
        String f = format(format);
        AdoptionReport r = report(unitId, at, tree);
        return file(ReportTable.adoption(r), f, english(headers), "bao-cao-cai-dat-" + safe(r.total().unit().code()) + "-" + r.at());
    }

    /** An SVG chart: {@code type=bars} (each child's installation against all and against the target group) or {@code type=funnel}. */
    @GET
    @Path("adoption/{unitId}/chart")
    @Produces(SVG)
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(value = String.class, description = "An SVG image")
    public Response chart(@PathParam("unitId") String unitId, @QueryParam("at") String at, @QueryParam("tree") String tree,
            @QueryParam("type") String type, @Context HttpHeaders headers, @Context Request request) {
        String t = chartType(type);
        AdoptionReport r = report(unitId, at, tree);
        boolean english = english(headers);
        return svg(t.equals("bars") ? Charts.bars(r, english, 0) : Charts.funnel(r, english), request);
    }

    /**
     * Cell activity in {@code period} ({@code yyyy-MM}, default this month): the funnel of steps and the
     * share of cells that used the handbook, against the goal, for the unit and each child.
     * {@code order=lagging}: the children with the lowest share first.
     */
    @GET
    @Path("activity/{unitId}")
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(ActivityReport.class)
    @Returns(status = 304)
    public Response activity(@PathParam("unitId") String unitId, @QueryParam("period") String period, @QueryParam("tree") String tree,
            @QueryParam("order") String order, @Context Request request) {
        return tagged(activityReport(unitId, period, tree, order), request);
    }

    @GET
    @Path("activity/{unitId}/export")
    @Produces({ "text/csv", XLSX })
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(value = String.class, description = "The report as CSV or XLSX, with a file name")
    public Response activityExport(@PathParam("unitId") String unitId, @QueryParam("period") String period, @QueryParam("tree") String tree,
            @QueryParam("order") String order, @QueryParam("format") String format, @Context HttpHeaders headers) {
        String f = format(format);
        ActivityReport r = activityReport(unitId, period, tree, order);
        return file(ReportTable.activity(r), f, english(headers), "bao-cao-sinh-hoat-" + safe(r.total().unit().code()) + "-" + r.period());
    }

    /** {@code type=bars}: each child's share of cells that used the handbook, with the goal line; {@code type=funnel}: the unit's steps. */
    @GET
    @Path("activity/{unitId}/chart")
    @Produces(SVG)
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(value = String.class, description = "An SVG image")
    public Response activityChart(@PathParam("unitId") String unitId, @QueryParam("period") String period, @QueryParam("tree") String tree,
            @QueryParam("type") String type, @Context HttpHeaders headers, @Context Request request) {
        String t = chartType(type);
        ActivityReport r = activityReport(unitId, period, tree, null);
        boolean english = english(headers);
        return svg(t.equals("bars") ? Charts.activityBars(r, english) : Charts.activityFunnel(r, english), request);
    }

    /**
     * Attendance of the meetings held in {@code period}, all and by kind, for the unit and each child;
     * {@code tree=today} restates an ended period on today's tree.
     */
    @GET
    @Path("attendance/{unitId}")
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(AttendanceReport.class)
    @Returns(status = 304)
    public Response attendance(@PathParam("unitId") String unitId, @QueryParam("period") String period, @QueryParam("tree") String tree,
            @Context Request request) {
        return tagged(reports.attendance(unitId, period, tree(tree).equals(AdoptionReport.TODAY)), request);
    }

    @GET
    @Path("attendance/{unitId}/export")
    @Produces({ "text/csv", XLSX })
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(value = String.class, description = "The report as CSV or XLSX, with a file name")
    public Response attendanceExport(@PathParam("unitId") String unitId, @QueryParam("period") String period, @QueryParam("tree") String tree,
            @QueryParam("format") String format, @Context HttpHeaders headers) {
        String f = format(format);
        AttendanceReport r = reports.attendance(unitId, period, tree(tree).equals(AdoptionReport.TODAY));
        return file(ReportTable.attendance(r), f, english(headers), "bao-cao-diem-danh-" + safe(r.total().unit().code()) + "-" + r.period());
    }

    /**
     * The cells of the subtree that need help in {@code period}, each with its reasons ({@code reason}
     * keeps one kind): the list an organization board inspects, supports and urges from, by committee
     * and name; paged.
     */
    @GET
    @Path("cells-needing-help/{unitId}")
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(value = Page.class, description = "A page of CellNeedingHelp")
    public Page<CellNeedingHelp> cellsNeedingHelp(@PathParam("unitId") String unitId, @QueryParam("period") String period,
            @QueryParam("reason") String reason, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return reports.cellsNeedingHelp(unitId, period, reason, PageRequest.parse(offset, limit));
    }

    /** Every cell needing help (no paging) as a file. */
    @GET
    @Path("cells-needing-help/{unitId}/export")
    @Produces({ "text/csv", XLSX })
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(value = String.class, description = "The list as CSV or XLSX, with a file name")
    public Response cellsNeedingHelpExport(@PathParam("unitId") String unitId, @QueryParam("period") String period, @QueryParam("reason") String reason,
            @QueryParam("format") String format, @Context HttpHeaders headers) {
        String f = format(format);
        List<CellNeedingHelp> all = new java.util.ArrayList<>();
        for (int offset = 0; offset < 1_000_000; offset += PageRequest.MAX_LIMIT) {
            Page<CellNeedingHelp> page = reports.cellsNeedingHelp(unitId, period, reason, PageRequest.of(offset, PageRequest.MAX_LIMIT));
            all.addAll(page.getItems());
            if (page.getNextOffset() == null) {
                break;
            }
        }
        ActivityReport about = reports.activity(unitId, period, false, false); // the unit's name and the period as the deployment's clock has it
        return file(ReportTable.cellsNeedingHelp(about.total().unit().name(), about.period(), all), f, english(headers),
                "chi-bo-can-ho-tro-" + safe(about.total().unit().code()) + "-" + about.period());
    }

    /** Where the internet is missing: for the unit and each child, the cells without a connection against their activity in {@code period}. */
    @GET
    @Path("connectivity/{unitId}")
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(value = UnitConnectivity[].class, description = "The unit first, then each child")
    public List<UnitConnectivity> connectivity(@PathParam("unitId") String unitId, @QueryParam("period") String period) {
        return reports.connectivity(unitId, period);
    }

    /** The mandatory items addressed to any part of the unit's subtree, newest first, with the unit's reading of each. */
    @GET
    @Path("reading/{unitId}")
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(value = MandatoryItem[].class, description = "Mandatory items with the unit's reading")
    public List<MandatoryItem> mandatoryItems(@PathParam("unitId") String unitId) {
        return reports.mandatoryItems(unitId);
    }

    /** The reading of one mandatory item: self-service and on behalf apart, for the unit and each child. */
    @GET
    @Path("reading/{unitId}/items/{itemId}")
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(ReadingReport.class)
    @Returns(status = 304)
    public Response reading(@PathParam("unitId") String unitId, @PathParam("itemId") String itemId, @Context Request request) {
        return tagged(reports.reading(unitId, itemId), request);
    }

    @GET
    @Path("reading/{unitId}/items/{itemId}/export")
    @Produces({ "text/csv", XLSX })
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(value = String.class, description = "The report as CSV or XLSX, with a file name")
    public Response readingExport(@PathParam("unitId") String unitId, @PathParam("itemId") String itemId, @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        String f = format(format);
        ReadingReport r = reports.reading(unitId, itemId);
        return file(ReportTable.reading(r), f, english(headers), "bao-cao-doc-tai-lieu-" + safe(r.total().unit().code()));
    }

    /** Recomputes every figure from the source modules: 202 with the job (a rebuild already running is the answer). Administrators of the root only. */
    @POST
    @Path("rebuild")
    @RequiresPermission(ReportingPermissions.REBUILD)
    @Returns(value = JobState.class, status = 202, description = "The rebuild job")
    public Response rebuild() {
        JobState job = reports.rebuild();
        return Response.accepted(job).header("Location", "/api/v1/reports/rebuild/" + job.id()).build();
    }

    /** A rebuild's progress. */
    @GET
    @Path("rebuild/{jobId}")
    @RequiresPermission(ReportingPermissions.REBUILD)
    @Returns(JobState.class)
    public JobState rebuildJob(@PathParam("jobId") String jobId) {
        return reports.job(jobId).orElseThrow(() -> SotayException.notFound(Text.of("Không có tác vụ này.", "There is no such job.")));
    }

    private ActivityReport activityReport(String unitId, String period, String tree, String order) {
        String o = order == null || order.isBlank() ? "name" : order.strip();
        if (!o.equals("name") && !o.equals("lagging")) {
            throw SotayException.invalid(List.of(new FieldError("order", "one-of", Text.of("Chọn name hoặc lagging.", "Choose name or lagging."))));
        }
        return reports.activity(unitId, period, tree(tree).equals(AdoptionReport.TODAY), o.equals("lagging"));
    }

    private static String format(String format) {
        String f = format == null || format.isBlank() ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("xlsx")) {
            throw SotayException.invalid(List.of(new FieldError("format", "one-of", Text.of("Chọn csv hoặc xlsx.", "Choose csv or xlsx."))));
        }
        return f;
    }

    private static String chartType(String type) {
        String t = type == null || type.isBlank() ? "bars" : type.strip().toLowerCase(Locale.ROOT);
        if (!t.equals("bars") && !t.equals("funnel")) {
            throw SotayException.invalid(List.of(new FieldError("type", "one-of", Text.of("Chọn bars hoặc funnel.", "Choose bars or funnel."))));
        }
        return t;
    }

    private static String tree(String tree) {
        String t = tree == null || tree.isBlank() ? AdoptionReport.AS_IT_WAS : tree.strip();
        if (!t.equals(AdoptionReport.AS_IT_WAS) && !t.equals(AdoptionReport.TODAY)) {
            throw SotayException.invalid(List.of(new FieldError("tree", "one-of", Text.of("Chọn as-it-was (cơ cấu khi đó) hoặc today (cơ cấu hiện nay).",
                    "Choose as-it-was (the tree of that day) or today (today's tree)."))));
        }
        return t;
    }

    /** A JSON answer with the digest of everything it says as its ETag: a poll that changed nothing is a 304. */
    private static Response tagged(Object report, Request request) {
        EntityTag tag = new EntityTag(digest(report.toString()));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        return (notModified != null ? notModified : Response.ok(report)).tag(tag).header("Cache-Control", "private, no-cache").build();
    }

    private static Response svg(String svg, Request request) {
        EntityTag tag = new EntityTag(digest(svg));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        return (notModified != null ? notModified : Response.ok(svg, SVG + "; charset=UTF-8")).tag(tag)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'").header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static Response file(ReportTable table, String format, boolean english, String baseName) {
        String name = baseName + "." + format;
        StreamingOutput body = out -> {
            if (format.equals("csv")) {
                Exports.csv(table, english, out);
            } else {
                Exports.xlsx(table, english, english ? "Report" : "Báo cáo", out);
            }
        };
        return Response.ok(body, format.equals("csv") ? "text/csv; charset=UTF-8" : XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").header("X-Content-Type-Options", "nosniff").build();
    }

    private AdoptionReport report(String unitId, String at, String tree) {
        LocalDate day = Params.date("at", at);
        return reports.adoption(unitId, day, tree(tree).equals(AdoptionReport.TODAY));
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean english(HttpHeaders headers) {
        for (Locale l : headers.getAcceptableLanguages()) {
            if ("en".equals(l.getLanguage())) {
                return true;
            }
            if ("vi".equals(l.getLanguage())) {
                return false;
            }
        }
        return false;
    }

    private static String safe(String code) {
        return code.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
