package org.sotay.registry.rest.internal;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.sotay.core.api.Api;
import org.sotay.core.api.Page;
import org.sotay.core.api.PageRequest;
import org.sotay.core.api.Params;
import org.sotay.core.api.Returns;
import org.sotay.core.api.security.RequiresPermission;
import org.sotay.registry.api.ImportJob;
import org.sotay.registry.api.ImportReport;
import org.sotay.registry.api.Member;
import org.sotay.registry.api.MemberDraft;
import org.sotay.registry.api.MemberImport;
import org.sotay.registry.api.MemberQuery;
import org.sotay.registry.api.MemberService;
import org.sotay.registry.api.MemberStatus;
import org.sotay.registry.api.Membership;
import org.sotay.registry.api.RegistryPermissions;
import org.sotay.registry.api.StatusChange;
import org.sotay.registry.api.StatusRecord;
import org.sotay.registry.api.TransferDraft;

/** {@code /api/v1/members}: party members within the caller's subtrees. */
@Component(service = MemberResource.class)
@JaxrsResource
@JaxrsApplicationSelect(Api.APPLICATION_SELECT)
@Path("v1/members")
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {
    private final MemberService members;
    private final MemberImport imports;
    private final java.time.Clock clock;

    @Activate
    public MemberResource(@Reference MemberService members, @Reference MemberImport imports, @Reference java.time.Clock clock) {
        this.members = members;
        this.imports = imports;
        this.clock = clock;
    }

    /**
     * Search: {@code q} matches names with or without diacritics (every word of {@code q} begins a
     * word of the name), results in Vietnamese order (given name first); or, all digits, a card
     * number prefix, in card order; {@code unit} limits to a subtree. Pages by {@code cursor} (the
     * {@code nextCursor} of the page before) or by {@code offset} (at most 10,000); {@code total}
     * is exact up to 2,000, a lower bound above ({@code totalExact} false).
     */
    @GET
    @RequiresPermission(RegistryPermissions.READ)
    public Page<Member> search(@QueryParam("q") String q, @QueryParam("unit") String unit, @QueryParam("status") String status,
            @QueryParam("usesSmartphone") String smartphone, @QueryParam("appInstalled") String installed,
            @QueryParam("accountRegistered") String registered, @QueryParam("offset") String offset, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        MemberQuery query = new MemberQuery(q, unit, Params.oneOf("status", status, MemberStatus.class),
                Params.bool("usesSmartphone", smartphone), Params.bool("appInstalled", installed),
                Params.bool("accountRegistered", registered));
        return members.search(query, PageRequest.parse(offset, limit, cursor));
    }

    /**
     * The calling member's own record (any member's account, whatever registry permissions it
     * holds); 404 for an account that is no member's.
     */
    @GET
    @Path("me")
    @Returns(Member.class)
    @Returns(status = 304)
    public Response self(@Context Request request) {
        return tagged(members.self(), request);
    }

    @GET
    @Path("{id}")
    @RequiresPermission(RegistryPermissions.READ)
    @Returns(Member.class)
    @Returns(status = 304)
    public Response get(@PathParam("id") String id, @Context Request request) {
        return tagged(members.get(id), request);
    }

    private static Response tagged(Member m, Request request) {
        EntityTag tag = new EntityTag(Long.toString(m.version()));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        return notModified != null ? notModified.build() : Response.ok(m).tag(tag).build();
    }

    /** The cell the member belonged to on {@code at}: {@code {"memberId", "at", "cellId"}}. */
    @GET
    @Path("{id}/cell")
    @RequiresPermission(RegistryPermissions.READ)
    public Map<String, Object> cellAt(@PathParam("id") String id, @QueryParam("at") String at) {
        java.time.LocalDate date = Params.date("at", at);
        java.time.LocalDate when = date == null ? java.time.LocalDate.now(clock) : date;
        String cell = members.cellAt(id, when);
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("memberId", id);
        out.put("at", when.toString());
        out.put("cellId", cell);
        return out;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(RegistryPermissions.MEMBER_WRITE)
    @Returns(value = Member.class, status = 201, description = "Created; Location names the member")
    public Response create(MemberDraft draft, @Context UriInfo uri) {
        Member m = members.create(draft == null ? empty() : draft);
        URI location = uri.getAbsolutePathBuilder().path(m.id()).build();
        return Response.created(location).entity(m).tag(new EntityTag(Long.toString(m.version()))).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(RegistryPermissions.MEMBER_WRITE)
    public Member update(@PathParam("id") String id, MemberDraft draft) {
        return members.update(id, draft == null ? empty() : draft);
    }

    /**
     * Imports members from a CSV body (see docs/api): {@code dryRun=true} reports what would happen
     * and writes nothing; a real run applies the whole file or nothing. 200 with the report when
     * applied (or a dry run), 422 with the report when the file has errors or conflicts. With
     * {@code async=true} (for large files) the answer is 202 at once, with the job to poll in
     * {@code Location}: {@code GET /api/v1/members/import-jobs/{id}}.
     */
    @POST
    @Path("import")
    @Consumes({ "text/csv", "application/octet-stream", "text/plain" })
    @RequiresPermission(RegistryPermissions.MEMBER_WRITE)
    @Returns(value = ImportReport.class, description = "Applied (or a dry run): the report")
    @Returns(value = ImportReport.class, status = 422, description = "Errors or conflicts: nothing was written; the report lists them")
    @Returns(value = ImportJob.class, status = 202, description = "async=true: the job, to poll at Location")
    public Response importCsv(InputStream csv, @QueryParam("dryRun") String dryRun, @QueryParam("async") String async,
            @Context UriInfo uri) {
        boolean dry = Boolean.TRUE.equals(Params.bool("dryRun", dryRun));
        if (Boolean.TRUE.equals(Params.bool("async", async))) {
            ImportJob job = imports.start(csv, dry);
            URI location = uri.getBaseUriBuilder().path("v1/members/import-jobs").path(job.id()).build();
            return Response.accepted(job).location(location).type(MediaType.APPLICATION_JSON).build();
        }
        ImportReport report = imports.importCsv(csv, dry);
        return Response.status(report.applied() || report.dryRun() ? 200 : 422).type(MediaType.APPLICATION_JSON).entity(report).build();
    }

    /** A background import the caller started: phase, rows done of total, and the report once done. */
    @GET
    @Path("import-jobs/{jobId}")
    @RequiresPermission(RegistryPermissions.MEMBER_WRITE)
    public ImportJob importJob(@PathParam("jobId") String jobId) {
        return imports.job(jobId);
    }

    /** Transfers the member to another cell: {@code {toCellId, kind: OFFICIAL|TEMPORARY, effective?, until?, reason?, version}}. */
    @POST
    @Path("{id}/transfers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(RegistryPermissions.MEMBER_WRITE)
    public Member transfer(@PathParam("id") String id, TransferDraft draft) {
        return members.transfer(id, draft);
    }

    /** Changes the member's status: {@code {status, effective?, reason (all but OFFICIAL), version}}. */
    @POST
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(RegistryPermissions.MEMBER_WRITE)
    public Member changeStatus(@PathParam("id") String id, StatusChange change) {
        return members.changeStatus(id, change);
    }

    /** The member's status changes, oldest first. */
    @GET
    @Path("{id}/status-history")
    @RequiresPermission(RegistryPermissions.READ)
    public List<StatusRecord> statusHistory(@PathParam("id") String id) {
        return members.statusHistory(id);
    }

    /** Every cell the member belonged to, with dates: the transfer history. */
    @GET
    @Path("{id}/transfers")
    @RequiresPermission(RegistryPermissions.READ)
    public List<Membership> transfers(@PathParam("id") String id) {
        return members.memberships(id);
    }

    private static MemberDraft empty() {
        return MemberDraft.EMPTY;
    }
}
