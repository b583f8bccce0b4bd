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
import org.sotay.reporting.api.AdoptionReport;
import org.sotay.reporting.api.ReportingPermissions;
import org.sotay.reporting.api.ReportingService;

/**
 * {@code /api/v1/reports}: the figures of a unit's subtree on a day, with its children, as JSON, CSV,
 * XLSX or an SVG chart; and the rebuild. {@code at} is a day (Vietnam's calendar, default today);
 * {@code tree=today} restates a past day on today's tree.
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
        AdoptionReport r = report(unitId, at, tree);
        EntityTag tag = tag(r);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        return (notModified != null ? notModified : Response.ok(r)).tag(tag).header("Cache-Control", "private, no-cache").build();
    }

    /** The same report as a file: {@code format=csv} (UTF-8 with BOM) or {@code format=xlsx} (frozen header, number and percent formats). */
    @GET
    @Path("adoption/{unitId}/export")
    @Produces({ "text/csv", XLSX })
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(value = String.class, description = "The report as CSV or XLSX, with a file name")
    public Response export(@PathParam("unitId") String unitId, @QueryParam("at") String at, @QueryParam("tree") String tree,
            @QueryParam("format") String format, @Context HttpHeaders headers) {
        String f = format == null || format.isBlank() ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("xlsx")) {
            throw SotayException.invalid(List.of(new FieldError("format", "one-of", Text.of("Chọn csv hoặc xlsx.", "Choose csv or xlsx."))));
        }
        AdoptionReport r = report(unitId, at, tree);
        boolean english = english(headers);
        String name = "bao-cao-cai-dat-" + safe(r.total().unit().code()) + "-" + r.at() + "." + f;
        StreamingOutput body = out -> {
            if (f.equals("csv")) {
                Exports.csv(r, english, out);
            } else {
                Exports.xlsx(r, english, out);
            }
        };
        return Response.ok(body, f.equals("csv") ? "text/csv; charset=UTF-8" : XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").header("X-Content-Type-Options", "nosniff").build();
    }

    /** An SVG chart: {@code type=bars} (each child's installation against all and against the target group) or {@code type=funnel}. */
    @GET
    @Path("adoption/{unitId}/chart")
    @Produces(SVG)
    @RequiresPermission(ReportingPermissions.READ)
    @Returns(value = String.class, description = "An SVG image")
    public Response chart(@PathParam("unitId") String unitId, @QueryParam("at") String at, @QueryParam("tree") String tree,
            @QueryParam("type") String type, @Context HttpHeaders headers, @Context Request request) {
        String t = type == null || type.isBlank() ? "bars" : type.strip().toLowerCase(Locale.ROOT);
        if (!t.equals("bars") && !t.equals("funnel")) {
            throw SotayException.invalid(List.of(new FieldError("type", "one-of", Text.of("Chọn bars hoặc funnel.", "Choose bars or funnel."))));
        }
        AdoptionReport r = report(unitId, at, tree);
        boolean english = english(headers);
        String svg = t.equals("bars") ? Charts.bars(r, english, 0) : Charts.funnel(r, english);
        EntityTag tag = new EntityTag(digest(svg));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        return (notModified != null ? notModified : Response.ok(svg, SVG + "; charset=UTF-8")).tag(tag)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'").header("X-Content-Type-Options", "nosniff")
                .build();
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

    private AdoptionReport report(String unitId, String at, String tree) {
        LocalDate day = Params.date("at", at);
        String t = tree == null || tree.isBlank() ? AdoptionReport.AS_IT_WAS : tree.strip();
        if (!t.equals(AdoptionReport.AS_IT_WAS) && !t.equals(AdoptionReport.TODAY)) {
            throw SotayException.invalid(List.of(new FieldError("tree", "one-of", Text.of("Chọn as-it-was (cơ cấu khi đó) hoặc today (cơ cấu hiện nay).",
                    "Choose as-it-was (the tree of that day) or today (today's tree)."))));
        }
        return reports.adoption(unitId, day, t.equals(AdoptionReport.TODAY));
    }

    /** The digest of everything the report says (records print every component). */
    private static EntityTag tag(AdoptionReport r) {
        return new EntityTag(digest(r.toString()));
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
