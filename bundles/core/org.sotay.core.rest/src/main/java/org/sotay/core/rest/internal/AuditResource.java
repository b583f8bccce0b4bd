package org.sotay.core.rest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Clock;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.CsvWriter;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.Params;
import org.sotay.core.api.Returns;
import org.sotay.core.api.audit.AuditQuery;
import org.sotay.core.api.audit.AuditRecord;
import org.sotay.core.api.audit.AuditTrail;
import org.sotay.core.api.security.Caller;
import org.sotay.core.api.security.CallerContext;
import org.sotay.core.api.security.RequiresPermission;

/**
 * {@code /api/v1/audit}: the audit trail of the caller's subtrees, newest first, and its CSV
 * export. Dates ({@code from}, {@code to}) are days in Vietnam time, {@code to} inclusive.
 */
@Component(service = AuditResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/audit")
public class AuditResource {
    private final AuditTrail trail;
    private final CallerContext callers;
    private final Clock clock;

    @Activate
    public AuditResource(@Reference AuditTrail trail, @Reference CallerContext callers, @Reference Clock clock) {
        this.trail = trail;
        this.callers = callers;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission(AuditTrail.READ)
    public Page<AuditRecord> find(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("module") String module,
            @QueryParam("actor") String actor, @QueryParam("target") String target, @QueryParam("unit") String unit,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return trail.find(query(from, to, module, actor, target, unit), PageRequest.parse(offset, limit));
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @RequiresPermission(AuditTrail.READ)
    @Returns(value = String.class, mediaType = "text/csv", description = "The trail as CSV (UTF-8 with a byte-order mark), streamed")
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("module") String module,
            @QueryParam("actor") String actor, @QueryParam("target") String target, @QueryParam("unit") String unit) {
        AuditQuery query = query(from, to, module, actor, target, unit);
        Caller caller = callers.current(); // the body is written after the request's caller is cleared
        StreamingOutput body = out -> {
            CsvWriter csv = new CsvWriter(out);
            csv.row("at", "actor", "actorName", "module", "action", "targetType", "targetId", "unitId", "summary", "clientAddress",
                    "userAgent", "requestId");
            try {
                callers.runAs(caller, () -> {
                    trail.forEach(query, r -> {
                        try {
                            csv.row(r.at().toString(), r.actor(), r.actorName(), r.module(), r.action(), r.targetType(), r.targetId(),
                                    r.unitId(), r.summary(), r.clientAddress(), r.userAgent(), r.requestId());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    return null;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            csv.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition", "attachment; filename=\"audit.csv\"").build();
    }

    private AuditQuery query(String from, String to, String module, String actor, String target, String unit) {
        LocalDate f = Params.date("from", from);
        LocalDate t = Params.date("to", to);
        Instant fromInstant = f == null ? null : f.atStartOfDay(clock.getZone()).toInstant();
        Instant toInstant = t == null ? null : t.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        return new AuditQuery(fromInstant, toInstant, module, actor, target, unit);
    }
}
